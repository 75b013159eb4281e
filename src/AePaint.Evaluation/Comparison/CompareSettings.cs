using AePaint.Evaluation.Peers;
using AePaint.Inference;

namespace AePaint.Evaluation.Comparison;

/// <summary>What `aepaint compare` takes.</summary>
public sealed record CompareSettings
{
    /// <summary>The clean (ground truth / HR) image.</summary>
    public required string Clean { get; init; }

    /// <summary>A real noisy photo of the same scene; null = synthetic AWGN of <see cref="AddNoise"/>.</summary>
    public string? Noisy { get; init; }

    /// <summary>The synthetic AWGN σ added to the clean image (null = <see cref="CompareRun.DefaultAddNoise"/>); models are told it.</summary>
    public double? AddNoise { get; init; }

    /// <summary>The σ told to peers and noise-map models for a real noisy photo (<see cref="Noisy"/> or <see cref="NoReference"/>); null = estimated from it.</summary>
    public double? Sigma { get; init; }

    /// <summary>Super-resolution ×scale instead of denoising.</summary>
    public int? Scale { get; init; }

    public IReadOnlyList<string> Models { get; init; } = [];

    public string Peers { get; init; } = DenoisePeer.DefaultSelection;

    public string? PeerSearchPath { get; init; }

    public CropRect? Crop { get; init; }

    public int Zoom { get; init; } = 2;

    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;

    public int? Tile { get; init; }

    /// <summary>The image is itself a real noisy photo with no ground truth (e.g. RNI15): panels carry no PSNR.</summary>
    public bool NoReference { get; init; }
}
