namespace AePaint.Inference;

/// <summary>
/// How a CPU session is set up for measurements (`aepaint bench`): thread count, spinning, ONNX Runtime's profiler. Null fields keep the defaults every host uses.
/// </summary>
public sealed record CpuTuning
{
    /// <summary>Intra-op threads; default: one per logical core.</summary>
    public int? Threads { get; init; }

    /// <summary>Whether idle pool threads spin (ORT's default) or sleep between ops.</summary>
    public bool? Spinning { get; init; }

    /// <summary>Path prefix of ONNX Runtime's JSON profile; null = no profiling.</summary>
    public string? ProfilePrefix { get; init; }
}
