using System.Diagnostics;
using AePaint.Imaging;
using AePaint.Inference;

namespace AePaint.Cli.Commands.Bench;

/// <summary>The machine's practical conv peak: the dense 64→64 3×3 net of <see cref="BenchModelFolder.PeakConvModel"/>.</summary>
internal static class ConvPeakProbe
{
    /// <summary>GFLOP/s (2 FLOP per MAC) on 512² windows, best of three after a warm-up.</summary>
    public static double Measure(CliConsole console, string path, ExecutionDevice device)
    {
        using var model = ModelSession.Open(path, device);
        var window = new PlanarImage(3, 512, 512);
        model.Run(window);
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            model.Run(window);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        double gflops = 2.0 * BenchModelFolder.PeakConvMacsPerPixel * window.PlaneSize / best / 1e9;
        console.Output.WriteLine($"conv peak ({model.Provider}, {Environment.ProcessorCount} cores): {gflops:F1} GFLOP/s — four 64→64 3×3 convs on a 512×512 window, {best:F2} s ({PeakRss.LoadNote()})");
        return gflops;
    }
}
