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

/// <summary>Conv2d with "same" padding (or a stride-k, kernel-k downsampling conv).</summary>
internal sealed class ConvLayer : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Conv2d conv;

    public ConvLayer(string name, int cin, int cout, int kernel, int stride = 1, int? pad = null)
        : base(name)
    {
        In = cin;
        Out = cout;
        Kernel = kernel;
        Stride = stride;
        Pad = pad ?? (kernel / 2);
        conv = nn.Conv2d(cin, cout, kernel, stride: stride, padding: Pad, bias: true);
        RegisterComponents();
    }

    public int In { get; }

    public int Out { get; }

    public int Kernel { get; }

    public int Stride { get; }

    public int Pad { get; }

    public double MacsPerInputPixel => (double)In * Out * Kernel * Kernel / (Stride * Stride);

    public Conv2d Inner => conv;

    public override Tensor forward(Tensor x) => conv.forward(x);

    public string Export(OnnxGraphBuilder b, string x)
    {
        var y = b.Conv(x, Floats(conv.weight!), Floats(conv.bias!), Out, In, Kernel, Stride, Pad);
        ExportTrace.Record(this, y);
        return y;
    }

    internal static float[] Floats(Tensor t)
    {
        using var c = t.detach().cpu().contiguous();
        return c.data<float>().ToArray();
    }
}

/// <summary>
/// Which layer wrote which Conv node, in graph order, while a trace is open on this thread: lets the ONNX weight
/// import pair a shipped graph's Conv nodes with a fresh net's layers by walking the very same export code.
/// </summary>
internal static class ExportTrace
{
    [ThreadStatic]
    private static List<(ConvLayer Layer, string Output)>? current;

    public static List<(ConvLayer Layer, string Output)> Capture(Action export)
    {
        var trace = new List<(ConvLayer, string)>();
        current = trace;
        try
        {
            export();
        }
        finally
        {
            current = null;
        }

        return trace;
    }

    public static void Record(ConvLayer layer, string output) => current?.Add((layer, output));
}

/// <summary>
/// x + conv(relu(conv(x))): the residual block of DRUNet/EDSR, without normalisation. Re-parameterised (rep), the
/// first conv also trains with 1×1 and identity branches and the second with a 1×1 branch (the block's own skip is
/// its identity); both still export as single 3×3 convs.
/// </summary>
internal sealed class ResBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor> conv2;

    public ResBlock(string name, int channels, bool rep = false)
        : base(name)
    {
        conv1 = rep ? new RepConv("conv1", channels, channels, identity: true) : new ConvLayer("conv1", channels, channels, 3);
        conv2 = rep ? new RepConv("conv2", channels, channels, identity: false) : new ConvLayer("conv2", channels, channels, 3);
        RegisterComponents();
    }

    public double MacsPerInputPixel => ((IOnnxExportable)conv1).MacsPerInputPixel + ((IOnnxExportable)conv2).MacsPerInputPixel;

    public override Tensor forward(Tensor x)
    {
        using var h = nn.functional.relu(conv1.forward(x));
        return x + conv2.forward(h);
    }

    public string Export(OnnxGraphBuilder b, string x) =>
        b.Add(x, ((IOnnxExportable)conv2).Export(b, b.Relu(((IOnnxExportable)conv1).Export(b, x))));
}

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
