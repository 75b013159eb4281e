using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// A module that can write itself into an ONNX graph. TorchSharp has no ONNX exporter, so every layer our nets
/// use (and only those: Conv, Relu, Add, Sub, Mul, Sigmoid, Concat, Slice, DepthToSpace — all DirectML-safe at opset 17) knows
/// its own ONNX form, and the nets are composed from these layers alone.
/// </summary>
internal interface IOnnxExportable
{
    /// <summary>Adds this layer's nodes reading <paramref name="x"/>; returns the output value name.</summary>
    string Export(OnnxGraphBuilder b, string x);

    /// <summary>Multiply–accumulates per pixel of the layer's own input resolution.</summary>
    double MacsPerInputPixel { get; }
}
