using System.Diagnostics;
using System.Globalization;
using AePaint.Imaging;
using AePaint.Inference;

namespace AePaint.Cli.Commands.Bench;

/// <summary>One model's MP/s per tile size, its arithmetic rate against the conv peak, and the cost of tiling.</summary>
internal static class ThroughputBench
{
    /// <summary>
    /// Prints the tile table, efficiency and tiling overhead. <paramref name="afterEfficiency"/> gets the efficiency
    /// (the fastest tile's arithmetic rate as a fraction of the conv peak) right after its line, so what explains it
    /// is printed under it; it is not called when the card gives no MAC/px.
    /// </summary>
    public static void Run(CliConsole console, ModelSession model, int[] tiles, double mp, double overheadMp, double peakGflops, int passes, Action<double>? afterEfficiency = null)
    {
        var input = BenchImages.Synthetic(mp);
        var card = model.Card;
        console.Output.WriteLine($"model: {Path.GetFileName(model.ModelPath)} ({card.Architecture}, {card.Parameters?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} params, {card.MacsPerPixel?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} MAC/px) on {model.Provider}, {PeakRss.LoadNote()}");
        console.Output.WriteLine($"image: {input.Width}×{input.Height} ({input.PixelCount / 1e6:F1} MP), output ×{card.Scale}{(passes > 1 ? $", self-ensemble of {passes} passes" : "")}");
        // Two rounds over the tile sizes (A, B, C, A, B, C), best of each: a busy machine weighs on every size alike,
        // and the first round also opens the side-by-side sessions.
        var runs = tiles.Select(t => (Tile: t, Settings: new RunSettings { TileSize = t, Sigma = Sigma(model), Passes = passes }, Seconds: double.MaxValue, Report: (RunReport?)null)).ToArray();
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < runs.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                var (_, report) = TiledRunner.Run(model, input, runs[i].Settings);
                runs[i] = runs[i] with { Seconds = Math.Min(runs[i].Seconds, clock.Elapsed.TotalSeconds), Report = report };
            }
        }

        console.Output.WriteLine($"| tile | tiles | side by side | pixels read | seconds (best of 2, interleaved) | MP/s (input) | MP/s (output) |");
        console.Output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var best = (Tile: 0, Rate: 0.0);
        foreach (var (t, _, s, report) in runs)
        {
            double rate = input.PixelCount / 1e6 / s;
            console.Output.WriteLine($"| {t} | {report!.Tiles} | {report.SideBySide} | {Read(report, input):F2}× | {s:F2} | {rate:F3} | {rate * card.Scale * card.Scale:F3} |");
            if (rate > best.Rate)
            {
                best = (t, rate);
            }
        }

        console.Output.WriteLine($"fastest tile: {best.Tile} ({best.Rate:F3} MP/s)");
        if (card.MacsPerPixel is { } macs && peakGflops > 0)
        {
            double gflops = 2.0 * macs * passes * best.Rate * 1e6 / 1e9;
            console.Output.WriteLine($"efficiency: {gflops:F1} GFLOP/s of model arithmetic = {100 * gflops / peakGflops:F0} % of the conv peak");
            afterEfficiency?.Invoke(gflops / peakGflops);
        }

        SideBySideAb(console, model, input, RunSettings.DefaultTileSize, passes);
        if (overheadMp > 0)
        {
            TilingOverhead.Run(console, model, overheadMp, RunSettings.DefaultTileSize);
        }
    }

    /// <summary>σ 25 (within the card's range) for models with a noise-level input (no estimate in the timed part), else none.</summary>
    public static float? Sigma(ModelSession model) => SigmaRange.Of(model.Card)?.Limit(25f);

    /// <summary>Pixels the model read (windows with their context) per image pixel.</summary>
    public static double Read(RunReport report, Bgra8Image input) => (double)report.WindowPixels / input.PixelCount;

    /// <summary>
    /// The engine at the default tile with one window at a time on all cores (A) and with its own choice of windows side
    /// by side (B), interleaved A, B, A, B, A, B in this process so a busy machine weighs on both alike.
    /// </summary>
    private static void SideBySideAb(CliConsole console, ModelSession model, Bgra8Image input, int tile, int passes)
    {
        var a = new RunSettings { TileSize = tile, Sigma = Sigma(model), Passes = passes, SideBySide = 1 };
        var b = a with { SideBySide = null };
        TiledRunner.Run(model, input, a);
        var (_, report) = TiledRunner.Run(model, input, b);
        double bestA = double.MaxValue, bestB = double.MaxValue;
        var pairs = new List<string>();
        for (int round = 0; round < 3; round++)
        {
            double sa = Seconds(model, input, a), sb = Seconds(model, input, b);
            bestA = Math.Min(bestA, sa);
            bestB = Math.Min(bestB, sb);
            pairs.Add($"{sa:F2}/{sb:F2}");
        }

        console.Output.WriteLine($"side by side (tile {tile}, {report.Tiles} tiles): one window at a time on all cores vs {(report.SideBySide > 1 ? $"{report.SideBySide} single-threaded sessions side by side" : "the same (one window, nothing to run beside it)")}, interleaved (s): {string.Join(", ", pairs)}; best {input.PixelCount / 1e6 / bestA:F3} vs {input.PixelCount / 1e6 / bestB:F3} MP/s = {100 * ((bestA / bestB) - 1):+0;-0;0} % ({PeakRss.LoadNote()})");
    }

    private static double Seconds(ModelSession model, Bgra8Image input, RunSettings settings)
    {
        var clock = Stopwatch.StartNew();
        TiledRunner.Run(model, input, settings);
        return clock.Elapsed.TotalSeconds;
    }
}
