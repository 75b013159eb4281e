using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// The learned noise-level estimator: a 3×3 conv at full resolution (noise lives at the pixel scale), then three levels
/// of a 2×2 stride-2 conv and a 3×3 conv (ReLU after each), the mean over the patch, and two 1×1 convs to one value,
/// t = log(1 + σ) of the σ to tell the denoiser. [N, 3, P, P] → [N, 1, 1, 1]; only Conv/Relu/GlobalAveragePool.
/// </summary>
internal sealed class NoiseNet : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly ModuleList<ConvLayer> trunk = new();
    private readonly ConvLayer hidden;
    private readonly ConvLayer output;

    public NoiseNet(string name, int width = 12)
        : base(name)
    {
        trunk.Add(new ConvLayer("head", 3, width, 3));
        int c = width;
        for (int i = 0; i < 3; i++)
        {
            int next = Math.Min(c * 2, 64);
            trunk.Add(new ConvLayer($"down{i}", c, next, 2, stride: 2, pad: 0));
            trunk.Add(new ConvLayer($"conv{i}", next, next, 3));
            c = next;
        }

        hidden = new ConvLayer("hidden", c, 32, 1);
        output = new ConvLayer("output", 32, 1, 1);
        Width = width;
        RegisterComponents();
    }

    public int Width { get; }

    /// <summary>
    /// Makes the first <paramref name="channels"/> filters of the first conv zero-mean (high-pass) with gain
    /// <paramref name="gain"/>: noise of σ 5 (0.02 in [0, 1]) is a hundredth of a photo's values, and a net started
    /// from filters that see mostly brightness took hundreds of steps to find it.
    /// </summary>
    public void HighPassStart(int channels, float gain, long seed)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope(); // holds the temporaries while libtorch reads them
        var w = trunk[0].Inner.weight!;
        var generator = new Generator((ulong)seed);
        var fresh = randn([channels, 3, 3, 3], generator: generator);
        fresh = fresh - fresh.mean([2, 3], keepdim: true);
        fresh = (fresh / fresh.Squared().sum([1, 2, 3], keepdim: true).sqrt()).Times(gain);
        w[TensorIndex.Slice(0, channels)].copy_(fresh);
        trunk[0].Inner.bias![TensorIndex.Slice(0, channels)].zero_();
    }

    /// <summary>Starts the output at <paramref name="t"/> (a typical log(1 + σ)), so training begins from a plausible level.</summary>
    public void SetOutputBias(float t)
    {
        using var noGrad = no_grad();
        output.Inner.bias!.Fill_(t);
    }

    /// <summary>MACs per input pixel, each layer counted at its own resolution.</summary>
    public double MacsPerInputPixel
    {
        get
        {
            double macs = 0, area = 1;
            foreach (var conv in trunk)
            {
                macs += conv.MacsPerInputPixel * area;
                area /= conv.Stride * conv.Stride;
            }

            return macs;
        }
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x;
        foreach (var conv in trunk)
        {
            h = nn.functional.relu(conv.forward(h));
        }

        h = nn.functional.relu(hidden.forward(h.mean([2, 3], keepdim: true)));
        return output.forward(h).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder b, string x)
    {
        foreach (var conv in trunk)
        {
            x = b.Relu(conv.Export(b, x));
        }

        return output.Export(b, b.Relu(hidden.Export(b, b.GlobalAveragePool(x))));
    }
}
