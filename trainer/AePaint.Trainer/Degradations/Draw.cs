using AePaint.Imaging;

namespace AePaint.Trainer.Degradations;

/// <summary>Uniform draws used by the steps.</summary>
internal static class Draw
{
    public static double Uniform(Random rng, double min, double max) => min == max ? min : min + ((max - min) * rng.NextDouble());

    /// <summary>Log-uniform when both ends are positive (noise parameters span decades), uniform otherwise.</summary>
    public static double LogUniform(Random rng, double min, double max) =>
        min > 0 && max > min ? Math.Exp(Uniform(rng, Math.Log(min), Math.Log(max))) : Uniform(rng, min, max);

    public static void CheckRange(double min, double max, string what, double lowest = 0)
    {
        if (!(min >= lowest && max >= min) || double.IsInfinity(max))
        {
            throw new ArgumentOutOfRangeException(what, $"{what} range [{min}, {max}] must satisfy {lowest} ≤ min ≤ max < ∞.");
        }
    }

    public static void CheckRgb(PlanarImage image)
    {
        if (image.Channels != 3)
        {
            throw new ArgumentException($"Degradations work on 3-plane RGB patches; got {image.Channels} planes.", nameof(image));
        }
    }

    /// <summary>RMS of (b − a)·255 over all values: the σ of AWGN with the same MSE.</summary>
    public static double RmsDifference255(ReadOnlySpan<float> before, ReadOnlySpan<float> after)
    {
        double sum = 0;
        for (int i = 0; i < before.Length; i++)
        {
            double d = after[i] - before[i];
            sum += d * d;
        }

        return before.Length == 0 ? 0 : Math.Sqrt(sum / before.Length) * 255;
    }

    public static void Clamp01(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Clamp(values[i], 0f, 1f);
        }
    }
}
