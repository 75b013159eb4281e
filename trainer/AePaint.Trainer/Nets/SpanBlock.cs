using AePaint.OnnxFormat;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// SPAN's attention block (Wan et al., NTIRE 2024 efficient SR): three re-parameterised 3×3 convs, then the
/// parameter-free attention (h + x) · (sigmoid(h) − ½), where h is the last conv's output, plus a skip around the
/// block: x + (h + x) · (sigmoid(h) − ½). SPAN needs no skip because it scales its inputs by 255, which saturates
/// the sigmoid from the first step; on [0, 1] inputs the product is ≈ (h + x) · h / 4 and shrinks the signal
/// quadratically from block to block, so without the skip six blocks pass almost nothing. ReLU between the convs
/// (SPAN uses SiLU; ReLU fuses into the Conv in ONNX Runtime).
/// </summary>
internal sealed class SpanBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly RepConv c1;
    private readonly RepConv c2;
    private readonly RepConv c3;

    public SpanBlock(string name, int channels)
        : base(name)
    {
        c1 = new RepConv("c1", channels, channels, identity: false);
        c2 = new RepConv("c2", channels, channels, identity: false);
        c3 = new RepConv("c3", channels, channels, identity: false);
        RegisterComponents();
    }

    public double MacsPerInputPixel => c1.MacsPerInputPixel + c2.MacsPerInputPixel + c3.MacsPerInputPixel;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = c3.forward(nn.functional.relu(c2.forward(nn.functional.relu(c1.forward(x)))));
        return x.Plus(h.Plus(x) * h.sigmoid().Minus(0.5f)).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder b, string x)
    {
        var h = c3.Export(b, b.Relu(c2.Export(b, b.Relu(c1.Export(b, x)))));
        return b.Add(x, b.Mul(b.Add(h, x), b.ChannelShift(b.Sigmoid(h), c3.Out, -0.5f)));
    }
}
