using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>A chain of residual blocks.</summary>
internal sealed class ResStack : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly ModuleList<ResBlock> blocks = new();

    public ResStack(string name, int channels, int count, bool rep = false)
        : base(name)
    {
        for (int i = 0; i < count; i++)
        {
            blocks.Add(new ResBlock($"rb{i}", channels, rep));
        }

        RegisterComponents();
    }

    public double MacsPerInputPixel => blocks.Sum(b => b.MacsPerInputPixel);

    public override Tensor forward(Tensor x)
    {
        var h = x;
        foreach (var block in blocks)
        {
            var next = block.forward(h);
            if (!ReferenceEquals(h, x))
            {
                h.Dispose();
            }

            h = next;
        }

        return ReferenceEquals(h, x) ? x.alias() : h;
    }

    public string Export(OnnxGraphBuilder b, string x)
    {
        foreach (var block in blocks)
        {
            x = block.Export(b, x);
        }

        return x;
    }
}
