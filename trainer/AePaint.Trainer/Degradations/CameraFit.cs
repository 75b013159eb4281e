using System.Globalization;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Files;
using AePaint.Imaging.Jpeg;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// Fits a <see cref="FittedCamera"/> to a camera's noisy photos alone (no clean copies): the JPEG quality is read from
/// the files' quantisation tables (<see cref="JpegQuality"/>); the noise is found by synthesis — clean reference
/// crops are put through candidate cameras and the candidate whose <see cref="CameraStatistics"/> come nearest to the
/// real photos' is kept. Every candidate draws the same noise per crop (fixed seeds), so the search compares cameras,
/// not noise draws. The search is coordinate-wise: the level (variance at mid-grey) is matched first by scaling it,
/// then chroma smoothing × sharpening on a grid by the level-free statistics, then the shot/read split by the
/// brightness slope, then a finer structure grid, each followed by the level again.
/// </summary>
public static class CameraFit
{
    /// <summary>Side of the central crop read from each photo (and cut from each reference).</summary>
    public const int CropSize = 384;

    /// <summary>Linear intensity of sRGB mid-grey, where the level is defined.</summary>
    private static readonly double MidGrey = Srgb.ToLinear(0.5f);

    private static readonly double[] ChromaGrid = [0, 0.5, 1, 1.5, 2];
    private static readonly double[] SharpenGrid = [0, 0.25, 0.5, 0.75, 1];
    private static readonly double[] ShotShareGrid = [0.05, 0.3, 0.6, 0.85, 0.97];

    /// <summary>Central crops (at most <paramref name="size"/>²) of the photos, read one at a time; unreadable ones skipped.</summary>
    public static IEnumerable<PlanarImage> Crops(IEnumerable<string> paths, int size = CropSize)
    {
        foreach (var path in paths)
        {
            Bgra8Image image;
            try
            {
                image = ImageFile.Load(path);
            }
            catch (ImageFileException)
            {
                continue;
            }

            int w = Math.Min(image.Width, size), h = Math.Min(image.Height, size);
            var crop = new PlanarImage(3, w, h);
            PixelConversion.ReadWindow(image, (image.Width - w) / 2, (image.Height - h) / 2, crop);
            yield return crop;
        }
    }

    /// <summary>The quality most of the files were saved at (null when none is a JPEG).</summary>
    public static int? Quality(IEnumerable<string> paths)
    {
        var q = paths.Select(JpegQuality.Read).OfType<int>().GroupBy(x => x).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault();
        return q?.Key;
    }

    /// <summary>The camera whose synthesized shots of <paramref name="references"/> look most like <paramref name="shots"/>.</summary>
    public static FittedCamera Fit(IReadOnlyList<PlanarImage> shots, int? quality, IReadOnlyList<PlanarImage> references, TextWriter log)
    {
        if (shots.Count == 0 || references.Count == 0)
        {
            throw new ArgumentException("The fit needs noisy photos and clean reference crops.");
        }

        var target = CameraStatistics.Measure(shots);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"camera fit: {shots.Count} noisy photo(s), {(quality is { } q ? $"JPEG q{q} (quantisation tables)" : "not JPEG")}; their noise σ₂ {Math.Exp(target.Level):F2}, σ₁/σ₂ {Math.Exp(target.Fine):F2}, σ₄/σ₂ {Math.Exp(target.Scale):F2}, chroma/σ₂ {Math.Exp(target.Chroma):F2}, slope {target.Slope:F2}"));
        double sigmaLinear = Math.Exp(target.Level) / 255 / 1.08; // sRGB slope ≈ 1.08 at mid-grey
        var c = new Candidate(sigmaLinear * sigmaLinear, 0.7, 0.5, 0.5);
        int evaluations = 0;
        CameraStatistics Eval(Candidate x)
        {
            evaluations++;
            return Synthesize(x.Camera(quality), references);
        }

        Candidate MatchLevel(Candidate x, int rounds)
        {
            for (int r = 0; r < rounds; r++)
            {
                var s = Eval(x);
                x = x with { Variance = x.Variance * Math.Exp(2 * (target.Level - s.Level)) };
            }

            return x;
        }

        Candidate Best(IEnumerable<Candidate> grid, bool structure, bool slope) =>
            grid.Select(x => (x, d: target.Distance(Eval(x), level: false, structure, slope))).MinBy(t => t.d).x;

        c = MatchLevel(c, 3);
        c = Best(from ch in ChromaGrid from sh in SharpenGrid select c with { ChromaBlur = ch, Sharpen = sh }, structure: true, slope: false);
        c = MatchLevel(c, 2);
        c = Best(ShotShareGrid.Select(p => MatchLevel(c with { ShotShare = p }, 2)), structure: false, slope: true);
        c = Best(
            from dc in new[] { -0.25, 0, 0.25 } from ds in new[] { -0.125, 0, 0.125 }
            select c with { ChromaBlur = Math.Max(0, c.ChromaBlur + dc), Sharpen = Math.Clamp(c.Sharpen + ds, 0, 1.5) },
            structure: true,
            slope: false);
        c = MatchLevel(c, 2);
        var fitted = Eval(c);
        var camera = c.Camera(quality) with { FitDistance = Math.Round(target.Distance(fitted), 5), Photos = shots.Count };
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"camera fit: {camera} ({evaluations} syntheses of {references.Count} reference crop(s); distance {camera.FitDistance:G3}: σ₂ {Math.Exp(fitted.Level):F2}, σ₁/σ₂ {Math.Exp(fitted.Fine):F2}, σ₄/σ₂ {Math.Exp(fitted.Scale):F2}, chroma/σ₂ {Math.Exp(fitted.Chroma):F2}, slope {fitted.Slope:F2})"));
        return camera;
    }

    /// <summary>The statistics of <paramref name="camera"/>'s shots of the references (crop i always draws from seed i).</summary>
    public static CameraStatistics Synthesize(FittedCamera camera, IReadOnlyList<PlanarImage> references)
    {
        var pipeline = camera.Pipeline();
        var shots = new PlanarImage[references.Count];
        for (int i = 0; i < shots.Length; i++)
        {
            shots[i] = CameraJpeg.Apply(pipeline, references[i].Clone(), new Random(9_000 + i)).Image;
        }

        return CameraStatistics.Measure(shots);
    }

    /// <summary>Variance at mid-grey (linear light) and the shot noise's share of it: a and b without their scales fighting.</summary>
    private sealed record Candidate(double Variance, double ShotShare, double ChromaBlur, double Sharpen)
    {
        public FittedCamera Camera(int? quality) => new()
        {
            Shot = Variance * ShotShare / MidGrey,
            Read = Variance * (1 - ShotShare),
            ChromaBlur = ChromaBlur,
            Sharpen = Sharpen,
            JpegQuality = quality,
        };
    }
}
