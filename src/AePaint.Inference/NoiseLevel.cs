using AePaint.Imaging;

namespace AePaint.Inference;

/// <summary>The "auto" noise level: σ (0..255 units) estimated from the image the runner is given.</summary>
internal static class NoiseLevel
{
    public static float Estimate(Bgra8Image image) => throw new InvalidOperationException("pending estimator");
}
