using System.Diagnostics;
using AePaint.Imaging;
using AePaint.Inference;

namespace AePaint.Cli.Commands.Bench;

/// <summary>
/// Whether every core is busy: the same windows through one session with all cores (spinning or not), one session
/// with one thread, and one single-threaded session per core running windows side by side.
/// </summary>
internal static class ThreadingProbe
{
    public static void Run(CliConsole console, string path, int side, int windows)
    {
        int cores = Environment.ProcessorCount;
        console.Output.WriteLine($"threading: {Path.GetFileName(path)}, {windows} windows of {side}×{side}, {PeakRss.LoadNote()}");
        console.Output.WriteLine("| arrangement | seconds | MP/s |");
        console.Output.WriteLine("|---|---:|---:|");
        Row(console, $"1 session × {cores} threads, spinning (default)", side, windows, Sequential(path, new CpuTuning(), side, windows));
        Row(console, $"1 session × {cores} threads, no spinning", side, windows, Sequential(path, new CpuTuning { Spinning = false }, side, windows));
        Row(console, "1 session × 1 thread", side, windows, Sequential(path, new CpuTuning { Threads = 1 }, side, windows));
        Row(console, $"{cores} sessions × 1 thread, windows side by side", side, windows, SideBySide(path, cores, side, windows, shared: false));
        Row(console, $"1 session × 1 thread, {cores} windows side by side", side, windows, SideBySide(path, cores, side, windows, shared: true));
    }

    private static void Row(CliConsole console, string name, int side, int windows, double seconds) =>
        console.Output.WriteLine($"| {name} | {seconds:F2} | {(double)side * side * windows / 1e6 / seconds:F3} |");

    private static double Sequential(string path, CpuTuning tuning, int side, int windows)
    {
        using var model = ModelSession.OpenCpu(path, tuning);
        var window = Window(model, side);
        var result = model.Run(window);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < windows; i++)
        {
            model.Run(window, result);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static double SideBySide(string path, int sessions, int side, int windows, bool shared)
    {
        var tuning = new CpuTuning { Threads = 1, Spinning = false };
        var first = ModelSession.OpenCpu(path, tuning);
        var models = Enumerable.Range(0, sessions).Select(i => i == 0 || shared ? first : ModelSession.OpenCpu(path, tuning)).ToArray();
        try
        {
            var inputs = models.Select(m => Window(m, side)).ToArray();
            var outputs = models.Select((m, i) => m.Run(inputs[i])).ToArray();
            var clock = Stopwatch.StartNew();
            Parallel.For(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = sessions }, s =>
            {
                for (int i = s; i < windows; i += sessions)
                {
                    models[s].Run(inputs[s], outputs[s]);
                }
            });
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var m in models.Distinct())
            {
                m.Dispose();
            }
        }
    }

    private static PlanarImage Window(ModelSession model, int side) => BenchImages.RandomWindow(model.Card, side);
}
