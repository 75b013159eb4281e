using AePaint.OnnxFormat;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// Efficient super-resolution net (ESPCN/EDSR-lite class): 3×3 head, residual blocks at low resolution, a long skip,
/// a 3×3 conv to 3·s² channels and a pixel shuffle. The output is residual over nearest-neighbour upsampling,
/// added before the shuffle (the input repeated into each sub-pixel channel), so the graph needs no Resize op.
/// </summary>
internal sealed class SrNet : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly ConvLayer head;
    private readonly ResStack body;
    private readonly ConvLayer bodyTail;
    private readonly ConvLayer toSubPixels;

    public SrNet(NetPreset preset, int scale)
        : base("sr_net")
    {
        CheckScale(scale);
        Preset = preset;
        Scale = scale;
        int c = preset.Channels[0];
        head = new ConvLayer("head", 3, c, 3);
        body = new ResStack("body", c, preset.Blocks);
        bodyTail = new ConvLayer("body_tail", c, c, 3);
        toSubPixels = new ConvLayer("to_subpixels", c, 3 * scale * scale, 3);
        RegisterComponents();
    }

    public NetPreset Preset { get; }

    public int Scale { get; }

    public int TheoreticalReceptiveField => 3 + (2 * Preset.Blocks);

    public double MacsPerInputPixel => head.MacsPerInputPixel + body.MacsPerInputPixel + bodyTail.MacsPerInputPixel + toSubPixels.MacsPerInputPixel;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var f = head.forward(x);
        var h = bodyTail.forward(body.forward(f)).Plus(f);
        return SubPixelOutput(toSubPixels.forward(h), x, Scale).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder b, string x)
    {
        var f = head.Export(b, x);
        var h = b.Add(bodyTail.Export(b, body.Export(b, f)), f);
        return ExportSubPixelOutput(b, toSubPixels.Export(b, h), x, Scale);
    }

    public static void CheckScale(int scale)
    {
        if (scale is < 2 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"SR scale {scale} is not 2, 3 or 4.");
        }
    }

    /// <summary>Pixel shuffle of the sub-pixel residual plus the LR input repeated into each sub-pixel (nearest upscaling, no Resize op).</summary>
    public static Tensor SubPixelOutput(Tensor subPixels, Tensor x, int scale)
    {
        using var sub = subPixels.Plus(x.repeat_interleave(scale * scale, dim: 1));
        return nn.functional.pixel_shuffle(sub, scale);
    }

    public static string ExportSubPixelOutput(OnnxGraphBuilder b, string subPixels, string x, int scale) =>
        b.DepthToSpace(b.Add(subPixels, b.RepeatChannels(x, 3, scale * scale)), scale);
}
