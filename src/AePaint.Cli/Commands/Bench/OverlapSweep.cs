using AePaint.Imaging;
using AePaint.Inference;
using AePaint.OnnxFormat;

namespace AePaint.Cli.Commands.Bench;

/// <summary>`aepaint bench --overlaps`: <see cref="OverlapProbe"/> on the sample photo, printed, optionally recorded in the card.</summary>
internal static class OverlapSweep
{
    /// <summary>Prints the trials; returns the smallest overlap within <see cref="OverlapProbe.MaxLevels"/>, or null.</summary>
    public static int? Run(CliConsole console, ModelSession model, Bgra8Image photo, int tile, int[] overlaps)
    {
        var card = model.Card;
        var sigma = ThroughputBench.Sigma(model);
        var input = sigma is { } s ? PixelConversion.ToBgra8(AePaint.Imaging.Noise.GaussianNoise.AddAwgn(PixelConversion.ToPlanar(photo), s, seed: 1, clip: true)) : photo;
        console.Output.WriteLine($"overlap sweep: {Path.GetFileName(model.ModelPath)}, tile {tile}, {input.Width}×{input.Height} photo{(sigma is { } n ? $" with σ {n:0} noise" : string.Empty)}; card: receptive field {card.ReceptiveField}, overlap {card.TileOverlap}");
        console.Output.WriteLine("| overlap | tiles | seconds | max diff (levels) | 99.9 % diff (levels) |");
        console.Output.WriteLine("|---:|---:|---:|---:|---:|");
        var trials = OverlapProbe.Measure(model, input, tile, overlaps, sigma);
        foreach (var t in trials)
        {
            console.Output.WriteLine($"| {t.Overlap} | {t.Tiles} | {t.Seconds:F2} | {t.MaxLevels:F3} | {t.P999Levels:F3} |");
        }

        var chosen = OverlapProbe.Smallest(trials);
        console.Output.WriteLine(chosen is { } c
            ? $"smallest overlap within {OverlapProbe.MaxLevels} levels of a whole-image run: {c}"
            : $"no overlap tried stays within {OverlapProbe.MaxLevels} levels of a whole-image run");
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
}
