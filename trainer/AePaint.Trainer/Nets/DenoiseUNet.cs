using AePaint.OnnxFormat;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// Denoising U-Net (DRUNet-style autoencoder): input RGB + a noise-level-map channel; a 3×3 head, then per level
/// residual blocks and a 2×2 stride-2 conv down; a bottleneck; back up with pixel-shuffle upsampling, adding the
/// encoder's features (skip connections); a 3×3 tail; output = input RGB + tail (residual learning).
/// Input height and width must be multiples of 2^levels.
/// </summary>
internal sealed class DenoiseUNet : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly ConvLayer head;
    private readonly nn.Module<Tensor, Tensor>[] encoders;
    private readonly ConvLayer[] downs;
    private readonly ResStack body;
    private readonly ShuffleUp[] ups;
    private readonly ResStack[] decoders;
    private readonly ConvLayer tail;

    public DenoiseUNet(NetPreset preset)
        : base("denoise_unet")
    {
        Preset = preset;
        var c = preset.Channels;
        int levels = c.Length - 1;
        head = new ConvLayer("head", 4, c[0], 3);
        encoders = new nn.Module<Tensor, Tensor>[levels];
        downs = new ConvLayer[levels];
        ups = new ShuffleUp[levels];
        decoders = new ResStack[levels];
        for (int l = 0; l < levels; l++)
        {
            encoders[l] = new ResStack($"enc{l}", c[l], preset.Blocks, preset.Rep);
            downs[l] = new ConvLayer($"down{l}", c[l], c[l + 1], 2, stride: 2, pad: 0);
            ups[l] = new ShuffleUp($"up{l}", c[l + 1], c[l]);
            decoders[l] = new ResStack($"dec{l}", c[l], preset.Blocks, preset.Rep);
        }

        body = new ResStack("body", c[levels], preset.Blocks, preset.Rep);
        tail = new ConvLayer("tail", c[0], 3, 3);
        for (int l = 0; l < levels; l++)
        {
            register_module($"enc{l}", encoders[l]);
            register_module($"down{l}", downs[l]);
            register_module($"up{l}", ups[l]);
            register_module($"dec{l}", decoders[l]);
        }

        register_module("head", head);
        register_module("body", body);
        register_module("tail", tail);
    }

    public NetPreset Preset { get; }

    public int MultipleOf => 1 << (Preset.Channels.Length - 1);

    /// <summary>Theoretical receptive-field radius in input pixels (every 3×3 conv adds its level's scale).</summary>
    public int TheoreticalReceptiveField
    {
        get
        {
            int levels = Preset.Channels.Length - 1, r = 2; // head + tail
            for (int l = 0; l < levels; l++)
            {
                r += (2 * Preset.Blocks * (1 << l) * 2) + (1 << l); // encoder + decoder blocks, down conv
            }

            return r + (2 * Preset.Blocks * (1 << levels));
        }
    }

    public double MacsPerInputPixel
    {
        get
        {
            double m = head.MacsPerInputPixel + tail.MacsPerInputPixel;
            for (int l = 0; l < encoders.Length; l++)
            {
                double area = 1.0 / (1 << (2 * l));
                m += area * (((IOnnxExportable)encoders[l]).MacsPerInputPixel + downs[l].MacsPerInputPixel + decoders[l].MacsPerInputPixel);
                m += area / 4 * ups[l].MacsPerInputPixel;
            }

            return m + (body.MacsPerInputPixel / (1 << (2 * encoders.Length)));
        }
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var rgb = x.narrow(1, 0, 3);
        var h = head.forward(x);
        var skips = new Tensor[encoders.Length];
        for (int l = 0; l < encoders.Length; l++)
        {
            skips[l] = encoders[l].forward(h);
            h = downs[l].forward(skips[l]);
        }

        h = body.forward(h);
        for (int l = encoders.Length - 1; l >= 0; l--)
        {
            h = decoders[l].forward(ups[l].forward(h).Plus(skips[l]));
        }

        return rgb.Plus(tail.forward(h)).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder b, string x)
    {
        var rgb = b.SliceChannels(x, 0, 3);
        var h = head.Export(b, x);
        var skips = new string[encoders.Length];
        for (int l = 0; l < encoders.Length; l++)
        {
            skips[l] = ((IOnnxExportable)encoders[l]).Export(b, h);
            h = downs[l].Export(b, skips[l]);
        }

        h = body.Export(b, h);
        for (int l = encoders.Length - 1; l >= 0; l--)
        {
            h = decoders[l].Export(b, b.Add(ups[l].Export(b, h), skips[l]));
        }

        return b.Add(rgb, tail.Export(b, h));
    }
}
