using AePaint.Imaging;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// One degradation step on a planar R, G, B patch in [0, 1] (values may leave [0, 1] when a step does not clip).
/// Steps hold only configuration: every random choice comes from the <see cref="Random"/> passed in, so a seed
/// fixes the result. Thread-safe for concurrent calls with different generators.
/// </summary>
public interface IDegradation
{
    /// <summary>Short name used in reports ("awgn", "jpeg", …).</summary>
    string Name { get; }

    /// <summary>Output side for an input side (only resizing steps change it).</summary>
    int OutputSize(int inputSize) => inputSize;

    /// <summary>
    /// Degrades <paramref name="image"/> (3 planes). It may be modified in place and returned, or a new image
    /// returned (resizing steps); callers must use the returned image and not rely on the input afterwards.
    /// </summary>
    DegradationResult Apply(PlanarImage image, Random rng);
}

/// <summary>The degraded image and what the step did.</summary>
public readonly record struct DegradationResult(PlanarImage Image, StepReport Report);

/// <summary>
/// What one step did. <see cref="Sigma255"/> is the standard deviation of the noise the step added, in 0..255
/// units, measured when it was added (0 for steps that add no noise; for Poisson–Gaussian and chroma noise it is the
/// RMS of the change over this patch's R, G, B values, i.e. the σ of AWGN with the same MSE).
/// </summary>
public sealed record StepReport(string Step)
{
    public double Sigma255 { get; init; }

    /// <summary>JPEG quality used, if this was a JPEG step.</summary>
    public int? Quality { get; init; }

    /// <summary>Downscale factor, if this step resized.</summary>
    public int? Scale { get; init; }

    /// <summary>Parameters drawn, for logs (e.g. "a=0.0031 b=2.1e-05", "aniso σ=(2.1, 0.7) θ=35°").</summary>
    public string Detail { get; init; } = "";

    public override string ToString() => Detail.Length == 0 ? Step : $"{Step}({Detail})";
}

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
