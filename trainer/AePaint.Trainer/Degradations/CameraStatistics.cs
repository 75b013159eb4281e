using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// What a camera's noise looks like in its saved photos, as read by <see cref="PhotoNoiseEstimator"/> (flattest-block
/// σ of luma at full, 2× and 4× reduced scale, chroma at 2×, σ per brightness): the level (log of the weak-texture
/// patch-PCA σ of the 2× copy, which leaves texture out better than the block quantile does), how much of σ₂
/// the full-resolution Laplacian sees (log σ₁/σ₂: sharpening and JPEG), how it falls with scale (log σ₄/σ₂:
/// correlation), chroma per luma (log: chroma smoothing) and how σ₂ changes with brightness (the slope of log σ over
/// the level function: shot versus read noise, through the sRGB curve). Each is the median over a set of photos, so a
/// few textured ones do not move it. Synthesized and real sets compare by <see cref="Distance"/>.
/// </summary>
public sealed record CameraStatistics(double Level, double Fine, double Scale, double Chroma, double Slope)
{
    /// <summary>The medians over <paramref name="crops"/> (3-plane sRGB in [0, 1]).</summary>
    public static CameraStatistics Measure(IEnumerable<PlanarImage> crops)
    {
        var each = crops.Select(Of).ToList();
        if (each.Count == 0)
        {
            throw new ArgumentException("No photos to measure.", nameof(crops));
        }

        return new CameraStatistics(
            Median(each.Select(s => s.Level)),
            Median(each.Select(s => s.Fine)),
            Median(each.Select(s => s.Scale)),
            Median(each.Select(s => s.Chroma)),
            Median(each.Select(s => s.Slope).Where(double.IsFinite)));
    }

    public static CameraStatistics Of(PlanarImage rgb)
    {
        var n = PhotoNoiseEstimator.Estimate(rgb);
        double coarse = Math.Max(n.LumaCoarse, 1e-3);
        return new CameraStatistics(
            Math.Log(Math.Max(n.LumaCoarsePca, 1e-3)),
            Math.Log(Math.Max(n.LumaFine, 1e-3) / coarse),
            Math.Log(Math.Max(n.LumaCoarser, 1e-3) / coarse),
            Math.Log(Math.Max(n.ChromaSigma, 1e-3) / coarse),
            LevelSlope(n.LevelFunction));
    }

    /// <summary>Squared differences of the chosen components (level, fine, scale, chroma, slope) summed.</summary>
    public double Distance(CameraStatistics other, bool level = true, bool structure = true, bool slope = true)
    {
        static double Sq(double x) => double.IsFinite(x) ? x * x : 0;
        double d = 0;
        if (level)
        {
            d += Sq(Level - other.Level);
        }

        if (structure)
        {
            d += Sq(Fine - other.Fine) + Sq(Scale - other.Scale) + Sq(Chroma - other.Chroma);
        }

        if (slope)
        {
            d += Sq(Slope - other.Slope);
        }

        return d;
    }

    /// <summary>Block-weighted least-squares slope of log σ against brightness (0..1); NaN with fewer than 2 levels.</summary>
    private static double LevelSlope(IReadOnlyList<NoiseLevelPoint> points)
    {
        var usable = points.Where(p => p.Sigma > 0).ToList();
        if (usable.Count < 2)
        {
            return double.NaN;
        }

        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var p in usable)
        {
            double w = p.Blocks, y = Math.Log(p.Sigma);
            sw += w;
            sx += w * p.Level;
            sy += w * y;
            sxx += w * p.Level * p.Level;
            sxy += w * p.Level * y;
        }

        double det = (sw * sxx) - (sx * sx);
        return det > 1e-12 ? ((sw * sxy) - (sx * sy)) / det : double.NaN;
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count == 0 ? double.NaN : v.Count % 2 == 1 ? v[v.Count / 2] : (v[(v.Count / 2) - 1] + v[v.Count / 2]) / 2;
    }
}
