using static TorchSharp.torch;

namespace AePaint.Trainer;

/// <summary>Which convolution kernels training uses, after <see cref="ConvGradientCheck"/>.</summary>
internal enum ConvPath
{
    /// <summary>oneDNN, checked right.</summary>
    OneDnn,

    /// <summary>
    /// oneDNN with <see cref="Nets.AlignedConv"/>'s padded edge convs: its plain backward was wrong here, the net being
    /// trained was checked right this way.
    /// </summary>
    OneDnnAligned,

    /// <summary>ATen's own kernels: oneDNN switched off by <see cref="ConvGradientCheck.Variable"/>.</summary>
    OneDnnOffByRequest,

    /// <summary>ATen's own kernels: oneDNN switched off because its gradient was wrong on this machine.</summary>
    OneDnnOffAfterFailure,

    /// <summary>Wrong even without oneDNN (or it could not be switched off): training refuses.</summary>
    Broken,
}
