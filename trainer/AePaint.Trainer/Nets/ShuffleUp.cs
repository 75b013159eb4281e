using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>×2 upsampling: 1×1 conv to 4× channels, then pixel shuffle (ONNX DepthToSpace, CRD like PyTorch).</summary>
internal sealed class ShuffleUp : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly ConvLayer conv;

    public ShuffleUp(string name, int cin, int cout)
        : base(name)
    {
        conv = new ConvLayer("conv", cin, cout * 4, 1);
        RegisterComponents();
    }

    public double MacsPerInputPixel => conv.MacsPerInputPixel;

    public override Tensor forward(Tensor x)
    {
        using var h = conv.forward(x);
        return nn.functional.pixel_shuffle(h, 2);
    }

    public string Export(OnnxGraphBuilder b, string x) => b.DepthToSpace(conv.Export(b, x), 2);
}
