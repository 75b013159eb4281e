using System.Text.Json;
using AePaint.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Latent;

/// <summary>Settings of an `embed` or `vae` run (flags of <see cref="LatentCommands"/>).</summary>
internal sealed record LatentOptions
{
    /// <summary>"embed" (plain autoencoder, its encoder exported) or "vae" (its decoder exported).</summary>
    public required string Kind { get; init; }

    public required IReadOnlyList<string> Data { get; init; }

    public required string Name { get; init; }

    public int Patch { get; init; } = 64;

    /// <summary>Embedding / latent size.</summary>
    public int Latent { get; init; } = 32;

    /// <summary>Channels of the first conv (doubled per level).</summary>
    public int Width { get; init; } = 32;

    public int Batch { get; init; } = 32;

    public long Steps { get; init; } = 3000;

    public double? Minutes { get; init; }

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>VAE: weight of the KL term (β-VAE; 1 = the plain ELBO with a unit-variance Gaussian decoder up to scale).</summary>
    public double Beta { get; init; } = 1.0;

    public int PatchesPerPhoto { get; init; } = 64;

    public int MaxPhotos { get; init; } = 300;

    public int Seed { get; init; } = 1;

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
}
