using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

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
        return x.Plus(conv2.forward(h));
    }

    public string Export(OnnxGraphBuilder b, string x) =>
        b.Add(x, ((IOnnxExportable)conv2).Export(b, b.Relu(((IOnnxExportable)conv1).Export(b, x))));
}
