namespace AePaint.Inference.Cards;

/// <summary>A constant plane of σ/<see cref="Divisor"/> appended after the colour channels (FFDNet/DRUNet style).</summary>
public sealed record NoiseMapSpec
{
    /// <summary>σ range in 0..255 units the model was trained on.</summary>
    public float SigmaMin { get; init; }

    public float SigmaMax { get; init; } = 55f;

    /// <summary>Map value = σ / Divisor (255 for σ in 8-bit units on [0,1] images).</summary>
    public float Divisor { get; init; } = 255f;
}
