using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

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
    public static Tensor Reparameterise(Tensor mean, Tensor logVar) => mean.Plus(torch.exp(logVar.Times(0.5)) * torch.randn_like(mean));

    /// <summary>KL(q(z|x) ‖ N(0, I)) per sample: −½ Σ (1 + log σ² − μ² − σ²), summed over the latent.</summary>
    public static Tensor Kl(Tensor mean, Tensor logVar) =>
        (logVar.Plus(1) - mean.Squared() - logVar.exp()).Times(-0.5).flatten(1).sum(1);
}
