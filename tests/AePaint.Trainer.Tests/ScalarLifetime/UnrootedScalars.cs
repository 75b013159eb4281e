using System.Reflection;
using TorchSharp;

namespace AePaint.Trainer.Tests.ScalarLifetime;

/// <summary>
/// Where code makes a TorchSharp <see cref="Scalar"/> that nothing references while libtorch reads it: a method that
/// converts numbers to Scalars (implicitly or by ToScalar) more often than it disposes Scalars, every method that calls
/// such a method (whatever else it disposes), and every use of a TorchSharp optimizer whose step() is such a method.
/// TorchSharp's own Tensor ⊕ number operators, its Tensor + Tensor (alpha 1) and its AdamW/Adam step are of that kind.
/// </summary>
internal sealed class UnrootedScalars
{
    private readonly HashSet<MethodBase> torchSharpMakers;

    public UnrootedScalars()
    {
        var torchSharp = typeof(Scalar).Assembly;
        var calls = IlCalls.Methods(torchSharp).ToDictionary(m => m, m => IlCalls.Calls(m).ToArray());
        var callees = calls.ToDictionary(kv => kv.Key, kv => kv.Value.Select(c => c.Callee).ToArray());
        var callers = new Dictionary<MethodBase, List<MethodBase>>();
        foreach (var (m, cs) in callees)
        {
            foreach (var c in cs)
            {
                if (!callers.TryGetValue(c, out var list))
                {
                    callers[c] = list = [];
                }

                list.Add(m);
            }
        }

        torchSharpMakers = [.. calls.Where(kv => MakesUnrooted(kv.Key, kv.Value)).Select(kv => kv.Key)];
        var work = new Queue<MethodBase>(torchSharpMakers);
        while (work.TryDequeue(out var m))
        {
            foreach (var caller in callers.GetValueOrDefault(m) ?? [])
            {
                if (torchSharpMakers.Add(caller))
                {
                    work.Enqueue(caller);
                }
            }
        }
    }

    /// <summary>Each method of <paramref name="assembly"/> that makes an unrooted Scalar, with the call that does it.</summary>
    public IEnumerable<string> In(Assembly assembly)
    {
        foreach (var m in IlCalls.Methods(assembly))
        {
            var all = IlCalls.Calls(m).ToArray();
            var cs = all.Select(c => c.Callee).ToArray();
            if (MakesUnrooted(m, all))
            {
                yield return $"{m.DeclaringType?.FullName}.{m.Name}: converts a number to a Scalar it never disposes";
            }

            foreach (var c in cs.Where(c => torchSharpMakers.Contains(c)).Distinct())
            {
                yield return $"{m.DeclaringType?.FullName}.{m.Name}: calls {c.DeclaringType?.Name}.{c.Name}({string.Join(", ", c.GetParameters().Select(p => p.ParameterType.Name))})";
            }

            foreach (var o in cs.Select(UnsafeOptimizer).OfType<Type>().Distinct())
            {
                yield return $"{m.DeclaringType?.FullName}.{m.Name}: makes or uses TorchSharp's {o.Name}, whose step() makes unrooted Scalars";
            }
        }
    }

    /// <summary>
    /// The TorchSharp optimizer <paramref name="callee"/> constructs or returns when its step() makes unrooted
    /// Scalars: callers reach that step only through the virtual Optimizer.step(), which the call graph cannot follow.
    /// </summary>
    private Type? UnsafeOptimizer(MethodBase callee)
    {
        var type = callee is ConstructorInfo ? callee.DeclaringType : (callee as MethodInfo)?.ReturnType;
        if (type is null || type.Assembly != typeof(Scalar).Assembly || !type.IsSubclassOf(typeof(torch.optim.Optimizer)))
        {
            return null;
        }

        for (var t = type; t != null; t = t.BaseType)
        {
            if (IlCalls.Methods(t).FirstOrDefault(s => s.Name == "step") is { } step)
            {
                return torchSharpMakers.Contains(step) ? type : null;
            }
        }

        return null;
    }

    /// <summary>
    /// More conversions to Scalar than Scalars disposed: Scalar.Dispose, or a Dispose through IDisposable of a local
    /// typed Scalar (a `using`). A `using` of anything else (no_grad, a dispose scope) roots no Scalar.
    /// </summary>
    private static bool MakesUnrooted(MethodBase method, (MethodBase Callee, int? AfterLocal)[] calls)
    {
        int conversions = calls.Count(c => IsConversion(c.Callee));
        if (conversions == 0)
        {
            return false;
        }

        var locals = method.GetMethodBody()?.LocalVariables;
        int disposed = calls.Count(c => c.Callee.Name == "Dispose" && (c.Callee.DeclaringType == typeof(Scalar)
            || (c.Callee.DeclaringType == typeof(IDisposable) && c.AfterLocal is int l && locals is not null && l < locals.Count && locals[l].LocalType == typeof(Scalar))));
        return conversions > disposed;
    }

    private static bool IsConversion(MethodBase m) =>
        m is MethodInfo { ReturnType: var r } && r == typeof(Scalar) && m.IsStatic
        && (m.Name == "op_Implicit" || m.Name.StartsWith("To", StringComparison.Ordinal));
}
