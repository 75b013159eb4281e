using System.Text.Json;

namespace AePaint.Inference.Profiling;

/// <summary>
/// ONNX Runtime's JSON profile (Chrome trace events) summed per operator type: where a model's time goes. Only
/// kernel events count ("…_kernel_time"), so session set-up and fences are left out; <see cref="RunMilliseconds"/>
/// is the wall time of the profiled runs for comparison.
/// </summary>
public sealed class OpProfile
{
    private OpProfile(IReadOnlyList<OpTime> ops, double runMs, int runs, bool nchwc)
    {
        Ops = ops;
        RunMilliseconds = runMs;
        Runs = runs;
        UsesNchwc = nchwc;
    }

    /// <summary>Op types, most time first.</summary>
    public IReadOnlyList<OpTime> Ops { get; }

    /// <summary>Sum of the profiled model_run events.</summary>
    public double RunMilliseconds { get; }

    public int Runs { get; }

    /// <summary>True when ORT's NCHWc layout transform applied (ReorderInput/ReorderOutput nodes run).</summary>
    public bool UsesNchwc { get; }

    public double KernelMilliseconds => Ops.Sum(o => o.Milliseconds);

    /// <summary>Kernel time of the compute-bound ops (<see cref="OpTime.Arithmetic"/>): what the model's MACs run in.</summary>
    public double ArithmeticMilliseconds => Ops.Where(o => o.Arithmetic).Sum(o => o.Milliseconds);

    /// <summary>Reads a profile; with <paramref name="lastRuns"/>, only the kernels of the last that many runs count
    /// (earlier ones — a load-time probe, a warm-up — may have had other window sizes).</summary>
    public static OpProfile Read(string path, int? lastRuns = null)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var events = doc.RootElement.EnumerateArray().Select(e => (
            Name: e.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty,
            Cat: e.TryGetProperty("cat", out var c) ? c.GetString() : null,
            Ts: e.TryGetProperty("ts", out var t) ? t.GetDouble() : 0,
            Ms: e.TryGetProperty("dur", out var d) ? d.GetDouble() / 1000.0 : 0,
            Element: e)).ToList();
        var runEvents = events.Where(e => e.Cat == "Session" && e.Name == "model_run").OrderBy(e => e.Ts).ToList();
        if (lastRuns is { } keep && keep < runEvents.Count)
        {
            runEvents = runEvents.Skip(runEvents.Count - keep).ToList();
        }

        double from = lastRuns is null || runEvents.Count == 0 ? double.MinValue : runEvents[0].Ts;
        var time = new Dictionary<string, double>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        double runMs = runEvents.Sum(e => e.Ms);
        int runs = runEvents.Count;
        foreach (var (name, cat, ts, durMs, e) in events)
        {
            if (cat == "Node" && ts >= from && name.EndsWith("_kernel_time", StringComparison.Ordinal)
                && e.TryGetProperty("args", out var args) && args.TryGetProperty("op_name", out var op))
            {
                var type = op.GetString() ?? "?";
                time[type] = time.GetValueOrDefault(type) + durMs;
                (nodes.TryGetValue(type, out var set) ? set : nodes[type] = []).Add(name);
            }
        }

        double total = time.Values.Sum();
        var ops = time.OrderByDescending(kv => kv.Value)
            .Select(kv => new OpTime(kv.Key, nodes[kv.Key].Count, kv.Value, total > 0 ? kv.Value / total : 0))
            .ToList();
        return new OpProfile(ops, runMs, runs, time.ContainsKey("ReorderInput") || time.ContainsKey("ReorderOutput"));
    }
}
