using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// Patch encoder trunk + pooling: 3×3 conv, then per level a 2×2 stride-2 conv and a 3×3 conv (ReLU after each), then
/// the mean over the patch (GlobalAveragePool): [N, 3, P, P] → [N, features, 1, 1]. Only Conv/Relu/GlobalAveragePool.
/// </summary>
internal sealed class PatchTrunk : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly ModuleList<ConvLayer> convs = new();

    public PatchTrunk(string name, int width, int levels = 2)
        : base(name)
    {
        convs.Add(new ConvLayer("head", 3, width, 3));
        int c = width;
        for (int i = 0; i < levels; i++)
        {
            convs.Add(new ConvLayer($"down{i}", c, c * 2, 2, stride: 2, pad: 0));
            convs.Add(new ConvLayer($"conv{i}", c * 2, c * 2, 3));
            c *= 2;
        }

        Features = c;
        RegisterComponents();
    }

    public int Features { get; }

    public double MacsPerInputPixel => convs.Sum(c => c.MacsPerInputPixel); // upper bound: later layers run at lower resolution

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x;
        foreach (var conv in convs)
        {
            h = nn.functional.relu(conv.forward(h));
        }

        return h.mean([2, 3], keepdim: true).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder b, string x)
    {
        foreach (var conv in convs)
        {
            x = b.Relu(conv.Export(b, x));
        }

        return b.GlobalAveragePool(x);
    }
}
