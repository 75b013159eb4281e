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

    /// <summary>
    /// Lanes the tile plan is balanced for (an even window count, so no lane idles in the last round), whatever the
    /// machine and <see cref="RunSettings.SideBySide"/>: the windows, hence the output, never depend on the core count.
    /// </summary>
    public const int PlannedLanes = 2;

    /// <summary>The session each side-by-side lane runs in: one thread, nothing to spin for.</summary>
    public static CpuTuning Lane { get; } = new() { Threads = 1, Spinning = false };

    /// <summary>Largest model output per window that runs side by side (1 MP: a denoiser's 768 tile).</summary>
    public const long SideBySideMaxWindowOutput = 1_100_000;

    /// <summary>Largest image output that runs side by side (the run's own buffers are then 0.4 GB).</summary>
    public const long SideBySideMaxImageOutput = 50_000_000;

    /// <summary>
    /// Windows run side by side, each in its own single-threaded session (<see cref="Lane"/>): one per core, never
    /// more than there are <paramref name="tiles"/>; 1 = one session on all cores. Side by side because `aepaint bench
    /// --threading` measured one single-threaded session per core 3–70 % faster than one session on both cores for the
    /// thin denoiser (its many small ops each pay a thread hand-off), and bench's interleaved A/B keeps measuring it.
    /// Each lane holds its own window's activations, so only where memory allows: windows of at most
    /// <see cref="SideBySideMaxWindowOutput"/> output pixels (the upscalers' windows take 2–4× a denoiser's memory and
    /// gained only 6 %) in images of at most <see cref="SideBySideMaxImageOutput"/> (100 MP with two lanes of 768 tiles
    /// peaked at 1.49 GB, at the 1.5 GB bound). <paramref name="asked"/> (RunSettings.SideBySide) overrides the count,
    /// still capped by the tiles.
    /// </summary>
    public static int TilesSideBySide(int tiles, int? asked, long windowOutput, long imageOutput)
    {
        int cores = windowOutput <= SideBySideMaxWindowOutput && imageOutput <= SideBySideMaxImageOutput ? Environment.ProcessorCount : 1;
        return Math.Max(1, Math.Min(tiles, asked ?? cores));
    }
}
