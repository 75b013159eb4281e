using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// Decoder from a latent vector [N, L, 1, 1] to a patch [N, 3, P, P] in [0, 1]: a 1×1 conv to 16·width channels and a
/// ×4 pixel shuffle (a linear layer written as ops every AePaint graph already uses), then ×2 pixel-shuffle ups with a
/// 3×3 conv each until P, a 3×3 conv to RGB and a sigmoid.
/// </summary>
internal sealed class PatchDecoder : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly ConvLayer project;
    private readonly ModuleList<ShuffleUp> ups = new();
    private readonly ModuleList<ConvLayer> convs = new();
    private readonly ConvLayer tail;

    public PatchDecoder(string name, int latent, int width, int patch)
        : base(name)
    {
        if (patch < 8 || (patch & (patch - 1)) != 0)
        {
            throw new ArgumentException($"patch {patch}: use a power of two ≥ 8", nameof(patch));
        }

        Latent = latent;
        Patch = patch;
        project = new ConvLayer("project", latent, width * 16, 1);
        for (int size = 4; size < patch; size *= 2)
        {
            ups.Add(new ShuffleUp($"up{ups.Count}", width, width));
            convs.Add(new ConvLayer($"conv{convs.Count}", width, width, 3));
        }

        tail = new ConvLayer("tail", width, 3, 3);
        RegisterComponents();
    }

    public int Latent { get; }

    public int Patch { get; }

    public double MacsPerInputPixel => project.MacsPerInputPixel + ups.Sum(u => u.MacsPerInputPixel) + convs.Sum(c => c.MacsPerInputPixel) + tail.MacsPerInputPixel;

    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(nn.functional.pixel_shuffle(project.forward(z), 4));
        for (int i = 0; i < ups.Count; i++)
        {
            h = nn.functional.relu(convs[i].forward(nn.functional.relu(ups[i].forward(h))));
        }

        return torch.sigmoid(tail.forward(h)).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder b, string z)
    {
        var h = b.Relu(b.DepthToSpace(project.Export(b, z), 4));
        for (int i = 0; i < ups.Count; i++)
        {
            h = b.Relu(convs[i].Export(b, b.Relu(ups[i].Export(b, h))));
        }

        return b.Sigmoid(tail.Export(b, h));
    }
}
