using System.Reflection;
using System.Reflection.Emit;

namespace AePaint.Trainer.Tests.ScalarLifetime;

/// <summary>The methods each method of an assembly calls, read from its IL (lambdas and iterators are methods of their own).</summary>
internal static class IlCalls
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every method and constructor declared in <paramref name="assembly"/>, nested and compiler-generated types included.</summary>
    public static IEnumerable<MethodBase> Methods(Assembly assembly) => assembly.GetTypes().SelectMany(Methods);

    /// <summary>The methods and constructors <paramref name="type"/> itself declares.</summary>
    public static IEnumerable<MethodBase> Methods(Type type) => type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All));

    /// <summary>The methods <paramref name="method"/>'s body calls (call, callvirt, newobj, ldftn); those that cannot be resolved are left out.</summary>
    public static IEnumerable<MethodBase> Callees(MethodBase method) => Calls(method).Select(c => c.Callee);

    /// <summary>
    /// The calls of <paramref name="method"/>'s body, each with the local variable the instruction just before it
    /// loaded, if it was a ldloc (what a `using` disposes: ldloc x; callvirt IDisposable.Dispose).
    /// </summary>
    public static IEnumerable<(MethodBase Callee, int? AfterLocal)> Calls(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        int? loaded = null;
        while (i < il.Length)
        {
            OpCode op = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += op.Size;
            if (op.OperandType == OperandType.InlineMethod)
            {
                var callee = Resolve(method.Module, BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                if (callee is not null)
                {
                    yield return (callee, loaded);
                }
            }

            loaded = LocalLoaded(op, il, i);
            i += OperandSize(op.OperandType, il, i);
        }
    }

    private static int? LocalLoaded(OpCode op, byte[] il, int operand)
    {
        if (op == OpCodes.Ldloc_0 || op == OpCodes.Ldloc_1 || op == OpCodes.Ldloc_2 || op == OpCodes.Ldloc_3)
        {
            return op.Value - OpCodes.Ldloc_0.Value;
        }

        return op == OpCodes.Ldloc_S ? il[operand] : op == OpCodes.Ldloc ? BitConverter.ToUInt16(il, operand) : null;
    }

    private static MethodBase? Resolve(Module module, int token, Type[]? typeArgs, Type[]? methodArgs)
    {
        try
        {
            return module.ResolveMethod(token, typeArgs, methodArgs);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
