using System.Globalization;
using static TorchSharp.torch;

namespace AePaint.Trainer;

/// <summary>
/// What the start-up checks found: the path in use and the relative gradient errors measured — by the probe conv
/// (<see cref="ConvGradientCheck"/>: <see cref="Error"/> on the path in use, <see cref="OneDnnError"/> with plain oneDNN
/// when that failed) and, for a training process, by the net being trained (<see cref="NetGradientCheck"/>:
/// <see cref="NetError"/> on the path in use, <see cref="NetOneDnnError"/> with aligned oneDNN when that failed).
/// </summary>
internal sealed record ArithmeticCheck(ConvPath Path, double Error, double? OneDnnError, string? Net = null, double? NetError = null, double? NetOneDnnError = null)
{
    public bool Sound => Path != ConvPath.Broken;

    public override string ToString() => Path switch
    {
        ConvPath.OneDnn => "conv: oneDNN (backward checked against float64" + (Net is null ? ")" : $"; {Net} net's too: {E(NetError)})"),
        ConvPath.OneDnnAligned => $"conv: oneDNN with edge convs padded to {Nets.AlignedConv.Block} output channels (its plain float32 conv2d backward differed from float64 by {E(OneDnnError)} on this CPU); the {Net} net's float32 backward checked against float64 this way: {E(NetError)}",
        ConvPath.OneDnnOffByRequest => $"conv: ATen kernels, oneDNN off ({ConvGradientCheck.Variable}=off)",
        ConvPath.OneDnnOffAfterFailure when NetOneDnnError is double net => $"conv: ATen kernels, oneDNN switched off: on this CPU the {Net} net's float32 backward with oneDNN (edge convs padded) differed from float64 by {E(net)} (relative), without it {E(NetError)}; training is slower but right",
        ConvPath.OneDnnOffAfterFailure => $"conv: ATen kernels, oneDNN switched off: on this CPU its float32 conv2d backward differed from float64 by {E(OneDnnError)} (relative), without it {E(Error)}; training is slower but right",
        _ when NetError is double netError => $"conv: the {Net} net's float32 backward differs from float64 by " + (NetOneDnnError is double withOneDnn
            ? $"{E(withOneDnn)} (relative) with oneDNN (edge convs padded) and by {E(netError)} with it switched off"
            : $"{E(netError)} (relative) {(OneDnn.Switchable ? "with oneDNN" : "and oneDNN could not be switched off")}") +
            ": this machine's libtorch computes wrong gradients",
        _ => $"conv: float32 conv2d backward differs from float64 by " + (OneDnnError is double withOneDnn
            ? $"{E(withOneDnn)} (relative) with oneDNN and by {E(Error)} with it switched off"
            : $"{E(Error)} (relative) {(OneDnn.Switchable ? "with oneDNN off" : "and oneDNN could not be switched off")}") +
            ": this machine's libtorch computes wrong gradients",
    };

    private static string E(double? e) => e is double v && double.IsFinite(v) ? v.ToString("G2", CultureInfo.InvariantCulture) : "NaN/Inf";
}
