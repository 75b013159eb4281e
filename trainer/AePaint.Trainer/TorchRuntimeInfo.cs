using System.Globalization;
using TorchSharp;

namespace AePaint.Trainer;

/// <summary>What <see cref="TorchRuntime.Initialize"/> found.</summary>
internal sealed record TorchRuntimeInfo(
    string TorchVersion,
    string TorchSharpVersion,
    string Device,
    int Threads,
    string? NativeLibraryPath,
    ArithmeticCheck Arithmetic)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"libtorch {TorchVersion}, TorchSharp {TorchSharpVersion}, device {Device}, {Threads} threads{(NativeLibraryPath is null ? "" : ", native " + NativeLibraryPath)}; {Arithmetic}");
}
