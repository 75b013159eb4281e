namespace AePaint.Inference.Fallback;

/// <summary>What <see cref="FallbackPolicy.Classify"/> makes of a failure.</summary>
public enum FailureAction
{
    /// <summary>Out of memory with tiles that can still shrink: the same device at the next, smaller tile.</summary>
    RetrySmallerTiles,

    /// <summary>The graphics card failed (out of memory at the smallest tile, device removed, driver fault, provider missing): the CPU.</summary>
    RetryOnCpu,

    /// <summary>Another attempt cannot help (the CPU failed, the model or image is wrong, the run was cancelled).</summary>
    GiveUp,
}
