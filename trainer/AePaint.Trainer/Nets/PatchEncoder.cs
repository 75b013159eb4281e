using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>The embedder: trunk, pooled, then a 1×1 conv to the embedding size. Its ONNX form is what `-m auto` runs.</summary>
internal sealed class PatchEncoder : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly PatchTrunk trunk;
    private readonly ConvLayer head;

    public PatchEncoder(string name, int width, int latent)
        : base(name)
    {
        trunk = new PatchTrunk("trunk", width);
        head = new ConvLayer("head", trunk.Features, latent, 1);
        RegisterComponents();
    }

    public double MacsPerInputPixel => trunk.MacsPerInputPixel;

    public override Tensor forward(Tensor x)
    {
        using var pooled = trunk.forward(x);
        return head.forward(pooled);
    }

    public string Export(OnnxGraphBuilder b, string x) => head.Export(b, trunk.Export(b, x));
}
