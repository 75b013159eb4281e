namespace AePaint.Inference.Fallback;

/// <summary>
/// The one place that decides what happens when a model fails to load or run: the ordered attempts (device, tile size),
/// which failures mean "smaller tiles", "the CPU" or "give up", and what the user is told at each step. A host keeps
/// one for its lifetime (like ONNX Runtime's SessionOptions); each run gets a <see cref="FallbackRun"/> (like RunOptions)
/// that walks the attempts. Session creation asks <see cref="Classify"/> too, so a graphics card that cannot load the
/// model yields a CPU session with the reason.
/// </summary>
public sealed class FallbackPolicy
{
    public static FallbackPolicy Default { get; } = new();

    /// <summary>The smallest model window an out-of-memory retry shrinks to before the CPU (or giving up).</summary>
    public int MinTileSize { get; init; } = 64;

    /// <summary>
    /// The attempts in order: the asked device at <paramref name="tileSize"/>, then halved tiles down to
    /// <see cref="MinTileSize"/>; when the graphics card may be used, the same tiles on the CPU after them.
    /// </summary>
    public IReadOnlyList<Attempt> Attempts(ExecutionDevice requested, int tileSize)
    {
        var tiles = new List<int> { tileSize };
        for (int t = tileSize; t > MinTileSize;)
        {
            t = Math.Max(MinTileSize, t / 2);
            tiles.Add(t);
        }

        ExecutionDevice[] devices = requested == ExecutionDevice.Cpu ? [ExecutionDevice.Cpu] : [requested, ExecutionDevice.Cpu];
        return [.. devices.SelectMany(d => tiles.Select(t => new Attempt(d, t)))];
    }

    /// <summary>
    /// What a failure means. <paramref name="onGpu"/>: the session that failed runs on the graphics card (or was being
    /// created there); <paramref name="canShrink"/>: a smaller tile is left on that device and the model takes any size.
    /// </summary>
    public FailureAction Classify(Exception e, bool onGpu, bool canShrink)
    {
        if (e is OperationCanceledException or ModelLoadException or ArgumentException)
        {
            return FailureAction.GiveUp; // cancelled, or the model or image is wrong on any device
        }

        if (OutOfMemory.IsOutOfMemory(e))
        {
            return canShrink ? FailureAction.RetrySmallerTiles
                : onGpu ? FailureAction.RetryOnCpu // the PC's memory is usually larger than the graphics card's
                : FailureAction.GiveUp;
        }

        // Device removed or hung, driver faults, a DirectML that cannot load: the CPU does not share them.
        return onGpu ? FailureAction.RetryOnCpu : FailureAction.GiveUp;
    }

    /// <summary>The attempt after <paramref name="current"/> for <paramref name="action"/>, or null when none is left.</summary>
    public int? Next(IReadOnlyList<Attempt> attempts, int current, FailureAction action)
    {
        switch (action)
        {
            case FailureAction.RetrySmallerTiles when current + 1 < attempts.Count && attempts[current + 1].Device == attempts[current].Device:
                return current + 1;
            case FailureAction.RetryOnCpu when attempts[current].Device != ExecutionDevice.Cpu:
                for (int i = current + 1; i < attempts.Count; i++)
                {
                    if (attempts[i].Device == ExecutionDevice.Cpu)
                    {
                        return i;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The line the user is told when a run moves from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public string StepNotice(Attempt from, Attempt to, FailureAction action, Exception cause, bool onGpu) => action switch
    {
        FailureAction.RetrySmallerTiles => $"{(onGpu ? "The graphics card" : "AePaint")} ran out of memory at tile {from.TileSize}: retrying at tile {to.TileSize}.",
        _ when OutOfMemory.IsOutOfMemory(cause) => $"The graphics card ran out of memory at tile {from.TileSize}: retrying on the CPU (slower; choosing the CPU as device skips the GPU attempt).",
        _ => CpuNotice(DescribeGpuFailure(cause)),
    };

    /// <summary>
    /// The notice when a session came up on the CPU because the graphics card could not load the model (null when there
    /// is nothing to say: the CPU was asked for, or Auto in the CPU build, which never offers the graphics card).
    /// </summary>
    public string? LoadNotice(ExecutionDevice requested, string provider, string? fallbackReason, bool directMLBuild) =>
        requested == ExecutionDevice.Cpu || (requested == ExecutionDevice.Auto && !directMLBuild) || provider != SessionFactory.CpuProvider || fallbackReason is null
            ? null
            : CpuNotice(fallbackReason);

    /// <summary>Which graphics card and DirectML version ran the model (null on the CPU).</summary>
    public string? GpuNotice(string provider, string device) =>
        provider == SessionFactory.CpuProvider ? null : $"AePaint ran on the graphics card: {device}.";

    /// <summary>Why the graphics card could not be used, in plain words (sessions keep it as their fallback reason).</summary>
    public string DescribeGpuFailure(Exception e)
    {
        var msg = e.Message.Trim();
        return e switch
        {
            EntryPointNotFoundException => "this build of AePaint has no DirectML support (CPU-only ONNX Runtime): " + msg,
            GpuUnavailableException => msg,
            _ when NativeLoadFailure.Find(e) is { } load => $"the GPU runtime could not be loaded ({load.GetType().Name}: {load.Message.Trim()})",
            _ => $"GPU (DirectML) failed, using the CPU instead: {e.GetType().Name}: {msg}",
        };
    }

    private static string CpuNotice(string reason) => $"AePaint ran on the CPU because the GPU could not be used: {reason}";
}
