using AePaint.Trainer.Nets;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests.OneDnnFault;

/// <summary>
/// One conv2d's float32 value and gradients (oneDNN as currently switched; <c>extra</c> zero output channels as
/// <see cref="AlignedConv"/> adds them) against float64 on the same seeded values: relative errors, +∞ for NaN.
/// </summary>
internal sealed record ConvErrors(double Output, double Input, double Weight, double Bias)
{
    public double Worst => new[] { Output, Input, Weight, Bias }.Max();

    public static ConvErrors Measure(int cin, int cout, int kernel, int stride, int batch, int size, int extra = 0)
    {
        using var scope = NewDisposeScope();
        using var gen = new Generator((ulong)(1234 + (cin * 131) + (cout * 7) + kernel + stride));
        int pad = stride == 1 ? kernel / 2 : (kernel - stride + 1) / 2;
        var x = randn([batch, cin, size, size], float64, generator: gen);
        var w = randn([cout, cin, kernel, kernel], float64, generator: gen);
        var b = randn([cout], float64, generator: gen);
        int outSize = ((size + (2 * pad) - kernel) / stride) + 1;
        var g = randn([batch, cout, outSize, outSize], float64, generator: gen);
        var r64 = Run(x, w, b, g, stride, pad, extra);
        var r32 = Run(x.to(float32), w.to(float32), b.to(float32), g.to(float32), stride, pad, extra);
        return new ConvErrors(Relative(r32[0], r64[0]), Relative(r32[1], r64[1]), Relative(r32[2], r64[2]), Relative(r32[3], r64[3]));
    }

    private static Tensor[] Run(Tensor x, Tensor w, Tensor b, Tensor g, int stride, int pad, int extra)
    {
        x = x.detach().requires_grad_(true);
        w = w.detach().requires_grad_(true);
        b = b.detach().requires_grad_(true);
        var y = AlignedConv.Conv2d(x, w, b, stride, pad, extra);
        (y * g).sum().backward();
        return [y.detach(), x.grad!, w.grad!, b.grad!];
    }

    internal static double Relative(Tensor a, Tensor reference)
    {
        double e = (a.to(float64) - reference).abs().max().item<double>() / reference.abs().max().item<double>();
        return double.IsNaN(e) ? double.PositiveInfinity : e;
    }
}
