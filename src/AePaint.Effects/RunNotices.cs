using AePaint.Inference;
using AePaint.Inference.Fallback;

namespace AePaint.Effects;

/// <summary>What the user is told about where and how a run's model ran (the words come from the fallback policy).</summary>
public static class RunNotices
{
    /// <summary>
    /// The moves from the graphics card to the CPU, one per line; else the graphics card that ran the model; null when
    /// the CPU was asked for and used.
    /// </summary>
    public static string? Notice(FallbackRun run, FallbackPolicy policy)
    {
        var moves = run.Steps.Where(s => s.ChangesDevice).Select(s => s.Notice).ToList();
        if (moves.Count > 0)
        {
            return string.Join(Environment.NewLine, moves);
        }

        return run.OpenedSession is { } session ? policy.GpuNotice(session.Provider, session.Device) : null;
    }

    /// <summary>The engine's report and every fallback step (smaller tiles included), for the notice's details.</summary>
    public static string Details(FallbackRun? run, RunReport? report)
    {
        var lines = new List<string> { $"Model run: {report}" };
        lines.AddRange(run?.Steps.Select(s => s.Notice) ?? []);
        return string.Join(Environment.NewLine, lines);
    }
}
