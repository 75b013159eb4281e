using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer;

/// <summary>
/// Tensor arithmetic that involves a number, for all trainer code. TorchSharp 0.107 turns each number passed to it
/// (and the hidden alpha 1 of Tensor + Tensor) into a finalizable <see cref="Scalar"/> that nothing references while
/// libtorch reads it, so a garbage collection started by any thread can free it mid-call: c10's "toFloat"/"toDouble"
/// checks then fail on a garbage tag, or the op silently uses a wrong number. Here each Scalar is held by a using
/// until the native call has returned, and the tensor operands by GC.KeepAlive (outside a dispose scope nothing else
/// holds a temporary). <c>ScalarLifetimeTests</c> keeps the trainer on these.
/// </summary>
internal static class TensorMath
{
    /// <summary>a + b.</summary>
    public static Tensor Plus(this Tensor a, Tensor b)
    {
        using var one = 1.ToScalar();
        return Kept(a.add(b, one), a, b);
    }

    /// <summary>a + b.</summary>
    public static Tensor Plus(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        using var one = 1.ToScalar();
        return Kept(a.add(s, one), a);
    }

    /// <summary>a − b.</summary>
    public static Tensor Minus(this Tensor a, double b) => a.Plus(-b);

    /// <summary>a · b.</summary>
    public static Tensor Times(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return Kept(a.mul(s), a);
    }

    /// <summary>In place: a ·= b.</summary>
    public static Tensor Times_(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return Kept(a.mul_(s), a);
    }

    /// <summary>a / b.</summary>
    public static Tensor Over(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return Kept(a.div(s), a);
    }

    /// <summary>a limited to [min, max].</summary>
    public static Tensor Clamp(this Tensor a, double min, double max)
    {
        using var lo = min.ToScalar();
        using var hi = max.ToScalar();
        return Kept(a.clamp(lo, hi), a);
    }

    /// <summary>a².</summary>
    public static Tensor Squared(this Tensor a)
    {
        using var two = 2.ToScalar();
        return Kept(a.pow(two), a);
    }

    /// <summary>In place: a += alpha · b.</summary>
    public static Tensor AddScaled_(this Tensor a, Tensor b, double alpha)
    {
        using var s = alpha.ToScalar();
        return Kept(a.add_(b, s), a, b);
    }

    /// <summary>In place: a += b.</summary>
    public static Tensor Plus_(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        using var one = 1.ToScalar();
        return Kept(a.add_(s, one), a);
    }

    /// <summary>In place: a += value · b · c.</summary>
    public static Tensor AddProduct_(this Tensor a, Tensor b, Tensor c, double value)
    {
        using var s = value.ToScalar();
        var result = a.addcmul_(b, c, s);
        GC.KeepAlive(c);
        return Kept(result, a, b);
    }

    /// <summary>In place: a += value · b / c.</summary>
    public static Tensor AddQuotient_(this Tensor a, Tensor b, Tensor c, double value)
    {
        using var s = value.ToScalar();
        var result = a.addcdiv_(b, c, s);
        GC.KeepAlive(c);
        return Kept(result, a, b);
    }

    /// <summary>In place: every element of a set to <paramref name="value"/>.</summary>
    public static Tensor Fill_(this Tensor a, double value)
    {
        using var s = value.ToScalar();
        return Kept(a.fill_(s), a);
    }

    /// <summary>0, 1, …, n − 1.</summary>
    public static Tensor Arange(long n, ScalarType dtype)
    {
        using var start = 0L.ToScalar();
        using var stop = n.ToScalar();
        using var step = 1L.ToScalar();
        return arange(start, stop, step, dtype);
    }

    /// <summary>A float32 tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static Tensor Full(long[] shape, double value)
    {
        using var s = value.ToScalar();
        return full(shape, s, float32);
    }

    /// <summary><paramref name="result"/>, once the operands' native tensors can no longer be freed before the call that made it returned.</summary>
    private static Tensor Kept(Tensor result, Tensor a, Tensor? b = null)
    {
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        return result;
    }
}
