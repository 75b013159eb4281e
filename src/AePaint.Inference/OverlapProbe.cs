using AePaint.Imaging;

namespace AePaint.Inference;

/// <summary>
/// How much context a tile really needs: a model run tiled with each candidate overlap against one window over the
/// whole image. The smallest overlap whose result stays within <see cref="MaxLevels"/> of it cannot move a saved
/// 8-bit pixel by more than one level; that is what a card's tile overlap records.
/// </summary>
public static class OverlapProbe
{
    public const double MaxLevels = 0.5;

    public static IReadOnlyList<OverlapTrial> Measure(ITileModel model, Bgra8Image input, int tile, IEnumerable<int> overlaps, float? sigma)
    {
        int wholeTile = Math.Min(8192, Math.Max(input.Width, input.Height) + (4 * model.Card.EffectiveOverlap) + (2 * model.Card.MultipleOf));
        var whole = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = wholeTile, Sigma = sigma }).Image;
        var trials = new List<OverlapTrial>();
        foreach (var o in overlaps)
        {
            var settings = new RunSettings { TileSize = tile, Overlap = o, Sigma = sigma };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (tiled, report) = TiledRunner.RunToPlanar(model, input, settings);
            double seconds = clock.Elapsed.TotalSeconds;
            var (max, p999) = Differences(whole, tiled);
            trials.Add(new OverlapTrial(o, report.Tiles, seconds, max, p999));
        }

        return trials;
    }

    /// <summary>The smallest overlap within <paramref name="limit"/> levels (default <see cref="MaxLevels"/>), or null when none tried is.</summary>
    public static int? Smallest(IEnumerable<OverlapTrial> trials, double limit = MaxLevels) =>
        trials.Where(t => t.MaxLevels < limit).Select(t => (int?)t.Overlap).Min();

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
