using System.Reflection;
using TorchSharp;

namespace AePaint.Trainer.Tests.ScalarLifetime;

/// <summary>
/// Where code makes a TorchSharp <see cref="Scalar"/> that nothing references while libtorch reads it: a method that
/// converts a number to a Scalar (implicitly or by ToScalar) and never disposes one, and every method that calls such
/// a method. TorchSharp's own Tensor ⊕ number operators and its Tensor + Tensor (alpha 1) are of that kind.
/// </summary>
internal sealed class UnrootedScalars
{
    private readonly HashSet<MethodBase> torchSharpMakers;

    public UnrootedScalars()
    {
        var torchSharp = typeof(Scalar).Assembly;
        var callees = IlCalls.Methods(torchSharp).ToDictionary(m => m, m => IlCalls.Callees(m).ToArray());
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

        torchSharpMakers = [.. callees.Where(kv => MakesUnrooted(kv.Value)).Select(kv => kv.Key)];
        var work = new Queue<MethodBase>(torchSharpMakers);
        while (work.TryDequeue(out var m))
        {
            foreach (var caller in callers.GetValueOrDefault(m) ?? [])
            {
                if (!callees[caller].Any(IsDispose) && torchSharpMakers.Add(caller))
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
            var cs = IlCalls.Callees(m).ToArray();
            if (MakesUnrooted(cs))
            {
                yield return $"{m.DeclaringType?.FullName}.{m.Name}: converts a number to a Scalar it never disposes";
            }

            foreach (var c in cs.Where(c => torchSharpMakers.Contains(c)).Distinct())
            {
                yield return $"{m.DeclaringType?.FullName}.{m.Name}: calls {c.DeclaringType?.Name}.{c.Name}({string.Join(", ", c.GetParameters().Select(p => p.ParameterType.Name))})";
            }
        }
    }

    private static bool MakesUnrooted(MethodBase[] callees) => callees.Any(IsConversion) && !callees.Any(IsDispose);

    private static bool IsConversion(MethodBase m) =>
        m is MethodInfo { ReturnType: var r } && r == typeof(Scalar) && m.IsStatic
        && (m.Name == "op_Implicit" || m.Name.StartsWith("To", StringComparison.Ordinal));

    // A using calls it through IDisposable.
    private static bool IsDispose(MethodBase m) => (m.DeclaringType == typeof(Scalar) || m.DeclaringType == typeof(IDisposable)) && m.Name == "Dispose";
}
