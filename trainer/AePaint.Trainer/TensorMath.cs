using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer;

/// <summary>
/// Tensor arithmetic that involves a number, for all trainer code. TorchSharp 0.107 turns each number passed to it
/// (and the hidden alpha 1 of Tensor + Tensor) into a finalizable <see cref="Scalar"/> that nothing references while
/// libtorch reads it, so a garbage collection started by any thread can free it mid-call: c10's "toFloat"/"toDouble"
/// checks then fail on a garbage tag, or the op silently uses a wrong number. Here each Scalar is held by a using
/// until the native call has returned. <c>ScalarLifetimeTests</c> keeps the trainer on these.
/// </summary>
internal static class TensorMath
{
    /// <summary>a + b.</summary>
    public static Tensor Plus(this Tensor a, Tensor b)
    {
        using var one = 1.ToScalar();
        return a.add(b, one);
    }

    /// <summary>a + b.</summary>
    public static Tensor Plus(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        using var one = 1.ToScalar();
        return a.add(s, one);
    }

    /// <summary>a − b.</summary>
    public static Tensor Minus(this Tensor a, double b) => a.Plus(-b);

    /// <summary>a · b.</summary>
    public static Tensor Times(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.mul(s);
    }

    /// <summary>a / b.</summary>
    public static Tensor Over(this Tensor a, double b)
    {
        using var s = b.ToScalar();
        return a.div(s);
    }

    /// <summary>a².</summary>
    public static Tensor Squared(this Tensor a)
    {
        using var two = 2.ToScalar();
        return a.pow(two);
    }

    /// <summary>In place: a += alpha · b.</summary>
    public static Tensor AddScaled_(this Tensor a, Tensor b, double alpha)
    {
        using var s = alpha.ToScalar();
        return a.add_(b, s);
    }

    /// <summary>In place: every element of a set to <paramref name="value"/>.</summary>
    public static Tensor Fill_(this Tensor a, double value)
    {
        using var s = value.ToScalar();
        return a.fill_(s);
    }

    /// <summary>0, 1, …, n − 1.</summary>
    public static Tensor Arange(long n, ScalarType dtype)
    {
        using var stop = n.ToScalar();
        return arange(stop, dtype);
    }

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/> (float32).</summary>
    public static Tensor Full(long[] shape, double value)
    {
        using var s = value.ToScalar();
        return full(shape, s, float32);
    }
}
