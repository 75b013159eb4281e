using System.Globalization;
using static TorchSharp.torch;

namespace AePaint.Trainer;

/// <summary>What the start-up check found: the path in use and the relative gradient errors it measured.</summary>
internal sealed record ArithmeticCheck(ConvPath Path, double Error, double? OneDnnError)
{
    public bool Sound => Path != ConvPath.Broken;

    public override string ToString() => Path switch
    {
        ConvPath.OneDnn => "conv: oneDNN (backward checked against float64)",
        ConvPath.OneDnnOffByRequest => $"conv: ATen kernels, oneDNN off ({ConvGradientCheck.Variable}=off)",
        ConvPath.OneDnnOffAfterFailure => $"conv: ATen kernels, oneDNN switched off: on this CPU its float32 conv2d backward differed from float64 by {E(OneDnnError)} (relative), without it {E(Error)}; training is slower but right",
        _ => $"conv: float32 conv2d backward differs from float64 by " + (OneDnnError is double withOneDnn
            ? $"{E(withOneDnn)} (relative) with oneDNN and by {E(Error)} with it switched off"
            : $"{E(Error)} (relative) {(OneDnn.Switchable ? "with oneDNN off" : "and oneDNN could not be switched off")}") +
            ": this machine's libtorch computes wrong gradients",
    };

    private static string E(double? e) => e is double v && double.IsFinite(v) ? v.ToString("G2", CultureInfo.InvariantCulture) : "NaN/Inf";
}
