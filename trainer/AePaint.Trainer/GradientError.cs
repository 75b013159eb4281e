using static TorchSharp.torch;

namespace AePaint.Trainer;

/// <summary>
/// The float32-vs-float64 comparison both start-up checks make (<see cref="ConvGradientCheck"/>,
/// <see cref="NetGradientCheck"/>): relative error of one gradient, and the worst over many with NaN counted as the worst.
/// </summary>
internal static class GradientError
{
    /// <summary>max |float32 − float64| over the largest |float64| value; 0 when both are all zero, +∞ for NaN.</summary>
    public static double Relative(Tensor float32, Tensor reference)
    {
        using var scope = NewDisposeScope();
        double difference = (float32.to(float64) - reference).abs().max().item<double>();
        double largest = reference.abs().max().item<double>();
        double e = largest > 0 ? difference / largest : difference == 0 ? 0 : double.PositiveInfinity;
        return double.IsNaN(e) ? double.PositiveInfinity : e;
    }

    /// <summary>The worse of two errors (NaN is already +∞ from <see cref="Relative"/>; kept so for any caller's value).</summary>
    public static double Worst(double worst, double e) => double.IsNaN(e) ? double.PositiveInfinity : Math.Max(worst, e);
}
