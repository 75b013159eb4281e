using System.Diagnostics;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.OnnxFormat;

namespace AePaint.Cli.Commands.Bench;

/// <summary>
/// How much context a tile really needs: the same photo run at one tile size with each overlap, against one window
/// over the whole image — the largest and the 99.9th-percentile difference in 8-bit levels, and the time. The
/// smallest overlap whose differences stay below half a level cannot change a saved 8-bit pixel by more than one.
/// </summary>
internal static class OverlapSweep
{
    /// <summary>Largest difference from a whole-image run (in 8-bit levels) that a recorded overlap may cause.</summary>
    public const double MaxLevels = 0.5;

    /// <summary>Prints the sweep; returns the smallest overlap within <see cref="MaxLevels"/>, or null if none is.</summary>
    public static int? Run(CliConsole console, ModelSession model, Bgra8Image photo, int tile, int[] overlaps)
    {
        int? chosen = null;
        var card = model.Card;
        var input = card.NoiseMap is null ? photo : Noisy(photo);
        var sigma = ThroughputBench.Sigma(model);
        var whole = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = ThroughputBench.WholeImageTileFor(model, input), Sigma = sigma }).Image;
        console.Output.WriteLine($"overlap sweep: {Path.GetFileName(model.ModelPath)}, tile {tile}, {input.Width}×{input.Height} photo{(sigma is { } s ? $" with σ {s:0} noise" : string.Empty)}; card: receptive field {card.ReceptiveField}, overlap {card.TileOverlap}");
        console.Output.WriteLine("| overlap | tiles | seconds | max diff (levels) | 99.9 % diff (levels) |");
        console.Output.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var o in overlaps)
        {
            var settings = new RunSettings { TileSize = tile, Overlap = o, Sigma = sigma };
            TiledRunner.RunToPlanar(model, input, settings);
            var clock = Stopwatch.StartNew();
            var (tiled, report) = TiledRunner.RunToPlanar(model, input, settings);
            double seconds = clock.Elapsed.TotalSeconds;
            var (max, p999) = Differences(whole, tiled);
            console.Output.WriteLine($"| {o} | {report.Tiles} | {seconds:F2} | {max:F3} | {p999:F3} |");
            if (max < MaxLevels && (chosen is null || o < chosen))
            {
                chosen = o;
            }
        }

        console.Output.WriteLine(chosen is { } c
            ? $"smallest overlap within {MaxLevels} levels of a whole-image run: {c}"
            : $"no overlap tried stays within {MaxLevels} levels of a whole-image run");
        return chosen;
    }

    /// <summary>Writes <paramref name="overlap"/> into the model's card (embedded and sidecar, each replaced atomically).</summary>
    public static void Record(CliConsole console, string path, int overlap)
    {
        var proto = OnnxModelFile.Read(path);
        var card = OnnxModelFile.GetCard(proto, path) ?? throw new CliException($"{path}: --record needs a card embedded in the .onnx");
        OnnxModelFile.WriteWithCard(proto, card with { TileOverlap = overlap }, path);
        console.Output.WriteLine($"{path}: card tile overlap {card.TileOverlap} → {overlap}");
    }

    private static Bgra8Image Noisy(Bgra8Image photo) =>
        PixelConversion.ToBgra8(AePaint.Imaging.Noise.GaussianNoise.AddAwgn(PixelConversion.ToPlanar(photo), 25, seed: 1, clip: true));

    private static (double Max, double P999) Differences(PlanarImage a, PlanarImage b)
    {
        var d = new float[a.Data.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Math.Abs(a.Data[i] - b.Data[i]) * 255f;
        }

        Array.Sort(d);
        return (d[^1], d[(int)(0.999 * (d.Length - 1))]);
    }
}
