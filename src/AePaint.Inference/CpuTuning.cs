namespace AePaint.Inference;

/// <summary>
/// How CPU sessions are set up. The fields tune a session for measurements (`aepaint bench`): thread count, spinning,
/// ONNX Runtime's profiler; null fields keep the defaults every host uses. <see cref="TilesSideBySide"/> is the one
/// place that decides how many model windows the engine runs at once on the CPU.
/// </summary>
public sealed record CpuTuning
{
    /// <summary>Intra-op threads; default: one per logical core.</summary>
    public int? Threads { get; init; }

    /// <summary>Whether idle pool threads spin (ORT's default) or sleep between ops.</summary>
    public bool? Spinning { get; init; }

    /// <summary>Path prefix of ONNX Runtime's JSON profile; null = no profiling.</summary>
    public string? ProfilePrefix { get; init; }

    /// <summary>Whether the session keeps ONNX Runtime's CPU memory arena (its default), which grows in powers of two
    /// and never gives memory back; off, tensors are allocated and freed as they live.</summary>
    public bool? MemoryArena { get; init; }

    /// <summary>
    /// Lanes the tile plan is balanced for (an even window count, so no lane idles in the last round), whatever the
    /// machine and <see cref="RunSettings.SideBySide"/>: the windows, hence the output, never depend on the core count.
    /// </summary>
    public const int PlannedLanes = 2;

    /// <summary>The session each side-by-side lane runs in: one thread, nothing to spin for.</summary>
    public static CpuTuning Lane { get; } = new() { Threads = 1, Spinning = false };

    /// <summary>
    /// Windows run side by side, each in its own single-threaded session (<see cref="Lane"/>), when an image has
    /// <paramref name="tiles"/> tiles: one per core, never more than there are tiles; 1 = one session on all cores.
    /// Side by side because `aepaint bench --threading` measured one single-threaded session per core 3–70 % faster
    /// than one session on both cores (the thin nets' many small ops each pay a thread hand-off), and the engine's own
    /// A/B (`aepaint bench`, "side by side") keeps measuring it. An image of one tile uses all cores in one session.
    /// <paramref name="asked"/> (RunSettings.SideBySide) overrides the count, still capped by the tiles.
    /// </summary>
    public static int TilesSideBySide(int tiles, int? asked = null) =>
        Math.Max(1, Math.Min(tiles, asked ?? Environment.ProcessorCount));
}
