using System.Globalization;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Inference.Profiling;

namespace AePaint.Cli.Commands.Bench;

/// <summary>
/// Where a model's time goes: ONNX Runtime's profiler on one window (a run of its own, apart from the timed ones),
/// kernel time per op type, and why the model is below the conv peak (<see cref="PeakShortfall"/>).
/// </summary>
/// <param name="ModelPath">The model profiled.</param>
/// <param name="Profile">Its profiled runs.</param>
/// <param name="Card">Its card.</param>
/// <param name="Width">The window as run (rounded up to the card's multiple).</param>
/// <param name="Height">The window's height.</param>
/// <param name="Load">The machine's load when the profile was taken.</param>
internal sealed record OpProfileReport(string ModelPath, OpProfile Profile, ModelCard Card, int Width, int Height, string Load)
{
    /// <summary>The window side of every profile bench takes.</summary>
    public const int Side = 512;

    /// <summary>Profiled runs after the warm-up.</summary>
    private const int Runs = 3;

    /// <summary>Profiles <paramref name="path"/> on a random window of <see cref="Side"/>²: a warm-up, then three runs.</summary>
    public static OpProfileReport Measure(string path)
    {
        var dir = Path.Combine(Path.GetTempPath(), "aepaint-profile-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            using var model = ModelSession.OpenCpu(path, new CpuTuning { ProfilePrefix = Path.Combine(dir, "profile") });
            var window = BenchImages.RandomWindow(model.Card, Side);
            var result = model.Run(window);
            for (int i = 0; i < Runs; i++)
            {
                model.Run(window, result);
            }

            var profile = OpProfile.Read(model.EndProfiling(), lastRuns: Runs);
            return new OpProfileReport(path, profile, model.Card, window.Width, window.Height, PeakRss.LoadNote());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The shortfall against <paramref name="peakGflops"/>, or null when the card gives no MAC/px.</summary>
    public PeakShortfall? Shortfall(double peakGflops) =>
        Card.MacsPerPixel is { } macs && peakGflops > 0 && Profile.KernelMilliseconds > 0
            ? PeakShortfall.Of(Profile, 2.0 * macs * Width * Height * Profile.Runs, peakGflops)
            : null;

    /// <summary>`--profile`: the table of op types and the convolutions' own rate.</summary>
    public void PrintTable(CliConsole console, double peakGflops)
    {
        int runs = Profile.Runs;
        console.Output.WriteLine($"profile: {Path.GetFileName(ModelPath)}, {Width}×{Height} window, {Profile.KernelMilliseconds / runs:F1} ms of kernels per run; NCHWc layout: {(Profile.UsesNchwc ? "yes" : "no")} ({Load})");
        console.Output.WriteLine("| op | bound | nodes | ms per run | share |");
        console.Output.WriteLine("|---|---|---:|---:|---:|");
        foreach (var op in Profile.Ops)
        {
            console.Output.WriteLine($"| {op.OpType} | {(op.Arithmetic ? "compute" : "memory")} | {op.Nodes} | {op.Milliseconds / runs:F2} | {100 * op.Share:F1} % |");
        }

        if (Shortfall(peakGflops) is { } s && Profile.ArithmeticMilliseconds > 0)
        {
            console.Output.WriteLine($"convolutions alone: {s.ConvGflops:F1} GFLOP/s = {100 * s.ConvOfPeak:F0} % of the conv peak; everything else: {100 * (1 - (Profile.ArithmeticMilliseconds / Profile.KernelMilliseconds)):F0} % of the kernel time");
        }
    }

    /// <summary>The one line printed under an efficiency line below <paramref name="thresholdPercent"/>.</summary>
    public void PrintShortfall(CliConsole console, double peakGflops, double thresholdPercent)
    {
        if (Shortfall(peakGflops) is { } s)
        {
            var below = thresholdPercent.ToString("0.#", CultureInfo.InvariantCulture);
            console.Output.WriteLine($"below {below} %, why (ORT profile of one {Width}×{Height} window, {Profile.Runs} runs apart from the timed ones, {Load}): {s.Describe()}");
        }
    }
}
