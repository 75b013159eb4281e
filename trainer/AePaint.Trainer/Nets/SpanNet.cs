using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// SPAN-style super-resolution net: re-parameterised 3×3 head, <see cref="SpanBlock"/>s at low resolution, a
/// re-parameterised conv and a long skip, then the same sub-pixel output as <see cref="SrNet"/> (3×3 conv to 3·s²
/// channels plus the input repeated into every sub-pixel channel, pixel shuffle). SPAN's concatenation of
/// intermediate features is left out: it is memory traffic on the CPU for little gain.
/// </summary>
internal sealed class SpanNet : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly RepConv head;
    private readonly ModuleList<SpanBlock> blocks = new();
    private readonly RepConv bodyTail;
    private readonly ConvLayer toSubPixels;

    public SpanNet(NetPreset preset, int scale)
        : base("span_net")
    {
        SrNet.CheckScale(scale);
        Preset = preset;
        Scale = scale;
        int c = preset.Channels[0];
        head = new RepConv("head", 3, c, identity: false);
        for (int i = 0; i < preset.Blocks; i++)
        {
            blocks.Add(new SpanBlock($"b{i}", c));
        }

        bodyTail = new RepConv("body_tail", c, c, identity: false);
        toSubPixels = new ConvLayer("to_subpixels", c, 3 * scale * scale, 3);
        RegisterComponents();
    }

    public NetPreset Preset { get; }

    public int Scale { get; }

    public int TheoreticalReceptiveField => 3 + (3 * Preset.Blocks);

    public double MacsPerInputPixel => head.MacsPerInputPixel + blocks.Sum(b => b.MacsPerInputPixel) + bodyTail.MacsPerInputPixel + toSubPixels.MacsPerInputPixel;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var f = head.forward(x);
        var h = f;
        foreach (var block in blocks)
        {
            h = block.forward(h);
        }

        h = bodyTail.forward(h).Plus(f);
        return SrNet.SubPixelOutput(toSubPixels.forward(h), x, Scale).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder b, string x)
    {
        var f = head.Export(b, x);
        var h = f;
        foreach (var block in blocks)
        {
            h = block.Export(b, h);
        }

        h = b.Add(bodyTail.Export(b, h), f);
        return SrNet.ExportSubPixelOutput(b, toSubPixels.Export(b, h), x, Scale);
    }
}
