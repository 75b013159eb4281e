using AePaint.OnnxFormat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// Patch encoder trunk + pooling: 3×3 conv, then per level a 2×2 stride-2 conv and a 3×3 conv (ReLU after each), then
/// the mean over the patch (GlobalAveragePool): [N, 3, P, P] → [N, features, 1, 1]. Only Conv/Relu/GlobalAveragePool.
/// </summary>
internal sealed class PatchTrunk : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly ModuleList<ConvLayer> convs = new();

    public PatchTrunk(string name, int width, int levels = 2)
        : base(name)
    {
        convs.Add(new ConvLayer("head", 3, width, 3));
        int c = width;
        for (int i = 0; i < levels; i++)
        {
            convs.Add(new ConvLayer($"down{i}", c, c * 2, 2, stride: 2, pad: 0));
            convs.Add(new ConvLayer($"conv{i}", c * 2, c * 2, 3));
            c *= 2;
        }

        Features = c;
        RegisterComponents();
    }

    public int Features { get; }

    public double MacsPerInputPixel => convs.Sum(c => c.MacsPerInputPixel); // upper bound: later layers run at lower resolution

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x;
        foreach (var conv in convs)
        {
            h = nn.functional.relu(conv.forward(h));
        }

        return h.mean([2, 3], keepdim: true).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder b, string x)
    {
        foreach (var conv in convs)
        {
            x = b.Relu(conv.Export(b, x));
        }

        return b.GlobalAveragePool(x);
    }
}

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

/// <summary>The embedder: trunk, pooled, then a 1×1 conv to the embedding size. Its ONNX form is what `-m auto` runs.</summary>
internal sealed class PatchEncoder : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly PatchTrunk trunk;
    private readonly ConvLayer head;

    public PatchEncoder(string name, int width, int latent)
        : base(name)
    {
        trunk = new PatchTrunk("trunk", width);
        head = new ConvLayer("head", trunk.Features, latent, 1);
        RegisterComponents();
    }

    public double MacsPerInputPixel => trunk.MacsPerInputPixel;

    public override Tensor forward(Tensor x)
    {
        using var pooled = trunk.forward(x);
        return head.forward(pooled);
    }

    public string Export(OnnxGraphBuilder b, string x) => head.Export(b, trunk.Export(b, x));
}

/// <summary>A plain autoencoder on patches: encoder → latent vector → decoder. Trained for its encoder (the embedder).</summary>
internal sealed class PatchAutoencoder : nn.Module<Tensor, Tensor>
{
    public PatchAutoencoder(int patch, int width, int latent)
        : base("patch_ae")
    {
        Encoder = new PatchEncoder("encoder", width, latent);
        Decoder = new PatchDecoder("decoder", latent, width, patch);
        RegisterComponents();
    }

    public PatchEncoder Encoder { get; }

    public PatchDecoder Decoder { get; }

    public override Tensor forward(Tensor x)
    {
        using var z = Encoder.forward(x);
        return Decoder.forward(z);
    }
}

/// <summary>
/// A convolutional VAE on patches: the pooled trunk predicts the mean and log-variance (log σ²) of q(z|x) with two 1×1
/// convs; training decodes a reparameterised sample z = μ + σ·ε. Only the decoder is exported.
/// </summary>
internal sealed class PatchVae : nn.Module<Tensor, (Tensor Mean, Tensor LogVar)>
{
    private readonly PatchTrunk trunk;
    private readonly ConvLayer mean;
    private readonly ConvLayer logVar;

    public PatchVae(int patch, int width, int latent)
        : base("patch_vae")
    {
        trunk = new PatchTrunk("trunk", width);
        mean = new ConvLayer("mean", trunk.Features, latent, 1);
        logVar = new ConvLayer("logvar", trunk.Features, latent, 1);
        Decoder = new PatchDecoder("decoder", latent, width, patch);
        RegisterComponents();
    }

    public PatchDecoder Decoder { get; }

    /// <summary>μ and log σ² of q(z|x), each [N, L, 1, 1].</summary>
    public override (Tensor Mean, Tensor LogVar) forward(Tensor x)
    {
        using var h = trunk.forward(x);
        return (mean.forward(h), logVar.forward(h));
    }

    /// <summary>z = μ + exp(½ log σ²)·ε with ε ~ N(0, I): differentiable in μ and log σ².</summary>
    public static Tensor Reparameterise(Tensor mean, Tensor logVar) => mean + (torch.exp(0.5 * logVar) * torch.randn_like(mean));

    /// <summary>KL(q(z|x) ‖ N(0, I)) per sample: −½ Σ (1 + log σ² − μ² − σ²), summed over the latent.</summary>
    public static Tensor Kl(Tensor mean, Tensor logVar) =>
        -0.5 * (1 + logVar - mean.pow(2) - logVar.exp()).flatten(1).sum(1);
}
