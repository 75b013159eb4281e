namespace AePaint.Inference.Cards;

public enum ModelTask
{
    Denoise,
    SuperResolution,

    /// <summary>An image encoder: a fixed-size RGB patch in, one embedding vector out ([1, D, 1, 1]); see Embedding/.</summary>
    Embed,

    /// <summary>A generator such as a VAE decoder: a latent vector in ([1, L, 1, 1]), an image out.</summary>
    Generate,
}
