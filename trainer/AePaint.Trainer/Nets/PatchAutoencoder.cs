using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

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
