using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

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

    public override Tensor forward(Tensor x) => AlignedConv.Conv2d(x, conv.weight!, conv.bias, Stride, Pad);

    public string Export(OnnxGraphBuilder b, string x)
    {
        var y = b.Conv(x, Floats(conv.weight!), Floats(conv.bias!), Out, In, Kernel, Stride, Pad);
        ExportTrace.Record(this, y);
        return y;
    }

    /// <summary>Rounds weight and bias to the nearest float16 values (kept in float32): what a float16-stored export holds.</summary>
    public void RoundToFloat16()
    {
        using var noGrad = no_grad();
        RoundInPlace(conv.weight!);
        RoundInPlace(conv.bias!);
    }

    internal static void RoundInPlace(Tensor t)
    {
        using var half = t.to(ScalarType.Float16);
        using var back = half.to(t.dtype);
        t.copy_(back);
    }

    internal static float[] Floats(Tensor t)
    {
        using var scope = NewDisposeScope(); // holds the temporaries while libtorch reads them
        return t.detach().cpu().contiguous().data<float>().ToArray();
    }
}
