using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Inference.Profiling;

namespace AePaint.Cli.Commands.Bench;

/// <summary>
/// Where a model's time goes: ONNX Runtime's profiler on one window, kernel time per op type, and the rate of the
/// convolutions alone against the conv peak — tells a memory-bound graph (time outside Conv) from slow convs.
/// </summary>
internal static class OpProfileReport
{
    public static void Run(CliConsole console, string path, int side, double peakGflops)
    {
        var dir = Path.Combine(Path.GetTempPath(), "aepaint-profile-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            const int runs = 3;
            string profilePath;
            ModelCard card;
            using (var model = ModelSession.OpenCpu(path, new CpuTuning { ProfilePrefix = Path.Combine(dir, "profile") }))
            {
                card = model.Card;
                var window = BenchImages.RandomWindow(card, side);
                var result = model.Run(window);
                for (int i = 0; i < runs; i++)
                {
                    model.Run(window, result);
                }

                profilePath = model.EndProfiling();
            }

            var profile = OpProfile.Read(profilePath, lastRuns: runs);
            double perRun = profile.KernelMilliseconds / runs;
            console.Output.WriteLine($"profile: {Path.GetFileName(path)}, {side}×{side} window, {perRun:F1} ms of kernels per run; NCHWc layout: {(profile.UsesNchwc ? "yes" : "no")} ({PeakRss.LoadNote()})");
            console.Output.WriteLine("| op | bound | nodes | ms per run | share |");
            console.Output.WriteLine("|---|---|---:|---:|---:|");
            foreach (var op in profile.Ops)
            {
                console.Output.WriteLine($"| {op.OpType} | {(op.Arithmetic ? "compute" : "memory")} | {op.Nodes} | {op.Milliseconds / runs:F2} | {100 * op.Share:F1} % |");
            }

            var conv = profile.ArithmeticMilliseconds / runs;
            if (card.MacsPerPixel is { } macs && conv > 0 && peakGflops > 0)
            {
                double gflops = 2.0 * macs * side * side / (conv / 1000) / 1e9;
                console.Output.WriteLine($"convolutions alone: {gflops:F1} GFLOP/s = {100 * gflops / peakGflops:F0} % of the conv peak; everything else: {100 * (1 - (conv / perRun)):F0} % of the kernel time");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
