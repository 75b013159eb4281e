namespace AePaint.Evaluation.AutoChoice;

/// <summary>What `aepaint eval autopick` takes.</summary>
public sealed record AutoPickSettings
{
    /// <summary>A folder with one subfolder per domain (images inside, recursive).</summary>
    public required string SetDir { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public string? Embedder { get; init; }

    public string? ModelsDir { get; init; }

    /// <summary>AWGN σ added to every clean image (denoise models).</summary>
    public double AddNoise { get; init; } = 25;

    /// <summary>Images larger than this are centre-cropped to it (crop, not resize: the pixel scale is what matters).</summary>
    public int MaxSide { get; init; } = 512;

    /// <summary>Images per domain at most (first by name).</summary>
    public int? Limit { get; init; }

    public int? Tile { get; init; }

    public string Command { get; init; } = "aepaint eval autopick";

    public Action<string>? Log { get; init; }
}
