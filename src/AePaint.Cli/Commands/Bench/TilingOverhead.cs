using System.Diagnostics;
using AePaint.Imaging;
using AePaint.Imaging.Tiling;
using AePaint.Inference;

namespace AePaint.Cli.Commands.Bench;

/// <summary>
/// Issue 21's tiling overhead: the engine at the default tile against one bare model call on the whole image (same
/// session and pixels), with what explains the difference — the pixels the plan's windows read, the model alone on those
/// windows, and the engine's own reads, blends and writes — and the engine as the CLI runs it (windows side by side).
/// The bare call leaves out what any run of the engine does (8-bit in, 8-bit out), so the seams alone are also set
/// against the engine with one window covering the whole image: the issue's "whole image vs tiled" through the same path.
/// </summary>
internal static class TilingOverhead
{
    private const int Rounds = 3;

    public static void Run(CliConsole console, ModelSession model, double mp, int tile)
    {
        var input = BenchImages.Synthetic(mp);
        float? sigma = ThroughputBench.Sigma(model);
        var oneLane = new RunSettings { TileSize = tile, Sigma = sigma, SideBySide = 1 };
        var asCli = oneLane with { SideBySide = null };
        var (px, py) = TiledRunner.Plan(model, input.Width, input.Height, oneLane);
        int windows = px.Tiles.Count * py.Tiles.Count;
        var whole = GraphInput(model, input, TilePlanner.RoundUp(input.Width, model.Card.MultipleOf), TilePlanner.RoundUp(input.Height, model.Card.MultipleOf), sigma);
        var window = GraphInput(model, input, px.WindowSize, py.WindowSize, sigma);
        var oneWindow = oneLane with { TileSize = OneWindowTile(model, input, oneLane) };
        PlanarImage? wholeOut = null, windowOut = null;
        int lanes = 1;
        var cases = new Func<double>[]
        {
            () => Seconds(() => wholeOut = model.Run(whole, wholeOut)),
            () => Seconds(() => TiledRunner.Run(model, input, oneLane)),
            () => Seconds(() =>
            {
                for (int i = 0; i < windows; i++)
                {
                    windowOut = model.Run(window, windowOut);
                }
            }),
            () => Seconds(() => lanes = TiledRunner.Run(model, input, asCli).Report.SideBySide),
            () => Seconds(() => TiledRunner.Run(model, input, oneWindow)),
        };

        foreach (var c in cases)
        {
            c(); // warms the session for each window shape and opens the side-by-side lanes
        }

        var best = Enumerable.Repeat(double.MaxValue, cases.Length).ToArray();
        var rounds = new List<string>();
        for (int r = 0; r < Rounds; r++)
        {
            var times = cases.Select(c => c()).ToArray();
            rounds.Add(string.Join("/", times.Select(t => t.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))));
            for (int i = 0; i < best.Length; i++)
            {
                best[i] = Math.Min(best[i], times[i]);
            }
        }

        double read = (double)windows * px.WindowSize * py.WindowSize / input.PixelCount;
        string Pct(double seconds, int against = 0) => $"{100 * ((seconds / best[against]) - 1):+0;-0;0} %";
        console.Output.WriteLine(
            $"tiling overhead ({input.Width}×{input.Height}): tile {tile} ({windows} windows reading {read:F2}× the image, {px.WindowSize}×{py.WindowSize}) {best[1]:F2} s vs whole image {best[0]:F2} s = {Pct(best[1])}, " +
            $"one window at a time; the model alone on those windows {Pct(best[2])}, so the engine's reads, blends and writes {100 * (best[1] - best[2]) / best[0]:+0;-0;0} %; " +
            $"as the CLI runs it ({(lanes > 1 ? $"{lanes} windows side by side" : "the same, one window at a time")}) {best[3]:F2} s = {Pct(best[3])}. " +
            $"Against the engine with one window on the whole image (the same 8-bit reads and writes, no seams; tile {oneWindow.TileSize}) {best[4]:F2} s: tiled {Pct(best[1], 4)}, as the CLI {Pct(best[3], 4)}. " +
            $"Best of {Rounds} interleaved rounds, whole/tiled/model alone/as the CLI/engine on the whole image (s): {string.Join(", ", rounds)} ({PeakRss.LoadNote()})");
    }

    // The smallest tile whose plan is one window over the whole image (the plan rounds windows to the model's multiple).
    private static int OneWindowTile(ModelSession model, Bgra8Image input, RunSettings settings)
    {
        int tile = TilePlanner.RoundUp(Math.Max(input.Width, input.Height), model.Card.MultipleOf);
        for (int i = 0; i < 64; i++, tile += model.Card.MultipleOf)
        {
            var (x, y) = TiledRunner.Plan(model, input.Width, input.Height, settings with { TileSize = tile });
            if (x.Tiles.Count * y.Tiles.Count == 1)
            {
                return tile;
            }
        }

        throw new InvalidOperationException($"No tile up to {tile} gives one window over {input.Width}×{input.Height}.");
    }

    // What the graph reads for a w×h window at the image's origin (value range and noise-level plane as the engine makes them).
    private static PlanarImage GraphInput(ModelSession model, Bgra8Image input, int w, int h, float? sigma)
    {
        var card = model.Card;
        var colour = new PlanarImage(card.InputChannels, w, h);
        PixelConversion.ReadWindow(input, 0, 0, colour);
        var window = new PlanarImage(card.GraphInputChannels, w, h);
        WindowInput.Write(card, colour, window, sigma);
        return window;
    }

    private static double Seconds(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }
}
