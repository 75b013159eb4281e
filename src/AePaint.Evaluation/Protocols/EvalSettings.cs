using AePaint.Evaluation.Peers;
using AePaint.Inference;

namespace AePaint.Evaluation.Protocols;

/// <summary>What every `aepaint eval` task takes.</summary>
public sealed record EvalSettings
{
    public required string SetDir { get; init; }

    /// <summary>Model names or .onnx paths; empty = baselines (and peers) only.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;

    public int? Tile { get; init; }

    /// <summary>Self-ensemble passes per model run (1 = the model as the plugin runs it by default).</summary>
    public int Passes { get; init; } = 1;

    public bool Ssim { get; init; } = true;

    /// <summary>Only the first N images (by sorted name; seeds stay the full-set indices).</summary>
    public int? Limit { get; init; }

    /// <summary>Denoise peers: all, none or a comma list (see <see cref="DenoisePeer.KnownIds"/>).</summary>
    public string Peers { get; init; } = DenoisePeer.DefaultSelection;

    /// <summary>Where to look for the peers' programs (PATH-style); null = PATH.</summary>
    public string? PeerSearchPath { get; init; }

    /// <summary>The command line as typed, for the report.</summary>
    public string Command { get; init; } = "aepaint eval";

    /// <summary>Progress lines (one per condition and method); null = quiet.</summary>
    public Action<string>? Log { get; init; }
}
