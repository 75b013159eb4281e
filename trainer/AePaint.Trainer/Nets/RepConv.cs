using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// Re-parameterisable 3×3 conv (RepVGG/SESR/SPAN without batch norm): trained as the sum of a 3×3 conv, a 1×1 conv
/// and, optionally, the identity; exported as ONE 3×3 conv whose kernel is that sum, so the extra branches cost
/// nothing at inference. The branches are linear, so the training forward sums their kernels first and runs one
/// conv too (same function of the parameters, hence the same gradients as running the branches, at the cost of one
/// conv); <see cref="BranchForward"/> runs them separately for the tests.
/// </summary>
internal sealed class RepConv : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Conv2d k3;
    private readonly Conv2d k1;
    private readonly bool identity;

    public RepConv(string name, int cin, int cout, bool identity)
        : base(name)
    {
        if (identity && cin != cout)
        {
            throw new ArgumentException($"{name}: an identity branch needs as many inputs as outputs ({cin} vs {cout})");
        }

        In = cin;
        Out = cout;
        this.identity = identity;
        k3 = nn.Conv2d(cin, cout, 3, padding: 1, bias: true);
        k1 = nn.Conv2d(cin, cout, 1, bias: true);
        RegisterComponents();
    }

    public int In { get; }

    public int Out { get; }

    /// <summary>The 1×1 branch's weights and bias, which the export folds into the 3×3 conv.</summary>
    public long FoldedParameters => k1.weight!.numel() + k1.bias!.numel();

    /// <summary>What runs at inference: the fused 3×3 conv.</summary>
    public double MacsPerInputPixel => (double)In * Out * 9;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (w, b) = FusedKernel();
        return AlignedConv.Conv2d(x, w, b, 1, 1).MoveToOuterDisposeScope();
    }

    /// <summary>3×3 conv + 1×1 conv + identity, run as three branches (the definition the fused kernel must equal).</summary>
    public Tensor BranchForward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = k3.forward(x).Plus(k1.forward(x));
        return (identity ? y.Plus(x) : y).MoveToOuterDisposeScope();
    }

    /// <summary>The single 3×3 kernel and bias equal to the branches' sum: the 1×1 kernel sits at the centre tap, the identity adds 1 there on the diagonal.</summary>
    public (Tensor Weight, Tensor Bias) FusedKernel()
    {
        using var scope = NewDisposeScope();
        var w = k3.weight!.Plus(nn.functional.pad(k1.weight!, [1, 1, 1, 1]));
        if (identity)
        {
            var eye = zeros([Out, In, 3, 3], dtype: w.dtype, device: w.device);
            using (no_grad())
            {
                eye[TensorIndex.Colon, TensorIndex.Colon, 1, 1] = torch.eye(Out, dtype: w.dtype, device: w.device);
            }

            w = w.Plus(eye);
        }

        var b = k3.bias!.Plus(k1.bias!);
        return (w.MoveToOuterDisposeScope(), b.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Makes the fused kernel and bias float16 values (what a float16-stored export holds) by moving each one's rounding
    /// error into the 3×3 branch: rounding the branches separately would not round their sum.
    /// </summary>
    public void RoundToFloat16()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (w, b) = FusedKernel();
        var rounded = w.to(ScalarType.Float16).to(w.dtype);
        k3.weight!.AddScaled_(rounded - w, 1.0);
        var roundedBias = b.to(ScalarType.Float16).to(b.dtype);
        k3.bias!.AddScaled_(roundedBias - b, 1.0);
    }

    public string Export(OnnxGraphBuilder b, string x)
    {
        using var noGrad = no_grad();
        var (w, bias) = FusedKernel();
        using (w)
        using (bias)
        {
            return b.Conv(x, ConvLayer.Floats(w), ConvLayer.Floats(bias), Out, In, 3);
        }
    }
}
