using System.Globalization;
using System.Text;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Files;
using AePaint.Imaging.Metrics;
using AePaint.Inference;
using AePaint.Trainer.Degradations;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.NoiseEstimation;

/// <summary>
/// The go/no-go of a noise-level estimator: on real-noise pairs (name_real/name_mean, NOISY_i/GT_i) or on clean photos
/// saved as JPEG (q 60/75/85/95 in turn; scored against the JPEG itself), the denoiser's PSNR at the statistical
/// reading (<see cref="NoiseLevel.ReadStatistical"/>; the JPEG quality it reads off the pixels is the last column, "-" for none), at each learned estimator's reading and at its geometric mean with the statistical one (in 1 + σ), and at every σ of a grid (the per-image
/// best of which is the bound). The grid runs are cached in a file beside the report, so candidates compare cheaply.
/// With judgedReading, also the statistical reading as the model judges it (<see cref="MethodNoise"/>); with judgeReport,
/// REPORT.judge.tsv holds the luma RMS the model removes at each grid σ beside the PSNR curve, what that rule was fitted on.
/// Report and dump end with the statistics' own features (<see cref="Features"/>), so gates on them can be fitted.
/// </summary>
internal static class NoiseLevelCheck
{
    private static readonly int[] CleanQualities = [60, 75, 85, 95];

    public static void Run(string set, bool cleanJpeg, int skip, int take, string modelPath, IReadOnlyList<string> estimators, IReadOnlyList<double> grid, string report, TextWriter log, bool judgeReport = false, bool judgedReading = false, bool overwrite = false, int threads = 2)
    {
        // Before the minutes of runs: an existing report is the user's file unless --overwrite says otherwise.
        var inputs = new HashSet<FileIdentity>();
        if (FileIdentity.Of(modelPath) is { } modelId)
        {
            inputs.Add(modelId);
        }

        OutputPolicy.CheckTarget(report, inputs, overwrite, "--overwrite");
        if (judgeReport)
        {
            OutputPolicy.CheckTarget(report + ".judge.tsv", inputs, overwrite, "--overwrite");
        }

        var pairs = cleanJpeg ? CleanJpegs(set, skip, take) : Pairs(set, skip, take);
        using var model = ModelSession.OpenCpu(modelPath, new CpuTuning { Threads = threads });
        if (model.Card.NoiseMap is null)
        {
            throw new TrainerException($"{modelPath}: not a noise-map denoiser");
        }

        var learned = estimators.Select(p => (Name: Path.GetFileNameWithoutExtension(p), Net: new LearnedNoiseLevel(File.ReadAllBytes(p)))).ToList();
        var cache = SweepCache.Load(report + ".sweep.tsv");
        var methods = new List<string> { "statistical" };
        if (judgedReading)
        {
            methods.Add("judged");
        }

        methods.AddRange(learned.Select(l => l.Name));
        methods.AddRange(learned.Select(l => l.Name + "+statistical"));
        var judge = judgeReport ? new List<string> { "image\tmeasured\t" + string.Join('\t', grid.Where(s => s > 0).Select(s => string.Create(CultureInfo.InvariantCulture, $"c{s}"))) + "\t" + string.Join('\t', grid.Select(s => string.Create(CultureInfo.InvariantCulture, $"psnr{s}"))) + "\t" + FeatureHeader } : null;
        var rows = new List<string> { "image\tbest_sigma\tbest_psnr\t" + string.Join('\t', methods.Select(m => $"{m}_sigma\t{m}_psnr")) + "\tjpeg_quality\t" + FeatureHeader };
        var gaps = methods.ToDictionary(m => m, _ => new List<double>());
        var psnrs = methods.ToDictionary(m => m, _ => new List<double>());
        foreach (var (name, noisy, clean) in pairs)
        {
            var range = SigmaRange.Of(model.Card)!.Value; // readings beyond the model's range are limited to it, as the hosts do
            double Psnr(double sigma) => ProtocolScores.Denoise(clean, TiledRunner.Run(model, noisy, new RunSettings { Sigma = range.Limit((float)sigma) }).Image).Psnr;
            var curve = grid.Select(s => cache.GetOrAdd(name, s, () => Psnr(s))).ToArray();
            double best = curve.Max();
            double bestSigma = grid[Array.IndexOf(curve, best)];
            var statistical = NoiseLevel.ReadStatistical(noisy);
            var sigmas = new List<double> { statistical.Sigma };
            if (judgedReading)
            {
                sigmas.Add(NoiseLevel.Read(noisy, model).Sigma);
            }

            var reads = learned.Select(l => l.Net.Estimate(noisy)).ToArray();
            sigmas.AddRange(reads.Select(r => (double)NoiseLevel.Told(r)));
            sigmas.AddRange(reads.Select(r => (double)NoiseLevel.Told(Math.Exp((Math.Log(1 + r) + Math.Log(1 + statistical.Measured)) / 2) - 1)));
            var cells = new List<string>();
            for (int m = 0; m < methods.Count; m++)
            {
                double p = Psnr(sigmas[m]);
                gaps[methods[m]].Add(best - p);
                psnrs[methods[m]].Add(p);
                cells.Add(string.Create(CultureInfo.InvariantCulture, $"{sigmas[m]:F2}\t{p:F3}"));
            }

            if (judge != null)
            {
                var windows = MethodNoise.Windows(noisy);
                var removed = grid.Where(s => s > 0).Select(s => MethodNoise.RemovedRms(model, windows, range.Limit((float)s)) * 255).ToArray();
                judge.Add(string.Create(CultureInfo.InvariantCulture, $"{name}\t{statistical.Measured:F3}\t{string.Join('\t', removed.Select(c => c.ToString("F3", CultureInfo.InvariantCulture)))}\t{string.Join('\t', curve.Select(c => c.ToString("F3", CultureInfo.InvariantCulture)))}\t{Features(statistical)}"));
                log.WriteLine("judge\t" + judge[^1]);
            }

            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{name}\t{bestSigma}\t{best:F3}\t{string.Join('\t', cells)}\t{statistical.JpegQuality?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{Features(statistical)}"));
            log.WriteLine(rows[^1]);
            cache.Save();
        }

        var summary = new List<string> { $"# {set}{(cleanJpeg ? " (clean JPEGs, PSNR vs the JPEG)" : string.Empty)}: {pairs.Count} images, grid {string.Join(',', grid)}" };
        foreach (var m in methods)
        {
            var g = gaps[m];
            summary.Add(string.Create(CultureInfo.InvariantCulture,
                $"# {m}: mean PSNR {psnrs[m].Average():F3}, mean gap {g.Average():F3} dB, within 0.3 dB {g.Count(x => x <= 0.3)}/{g.Count}, worst {g.Max():F2} dB, ≥ 45 dB {psnrs[m].Count(p => p >= 45)}/{g.Count}"));
        }

        AtomicFile.Write(report, Encoding.UTF8.GetBytes(string.Join(Environment.NewLine, summary.Concat(rows)) + Environment.NewLine), replace: overwrite);
        foreach (var line in summary)
        {
            log.WriteLine(line);
        }

        if (judge != null)
        {
            AtomicFile.Write(report + ".judge.tsv", Encoding.UTF8.GetBytes(string.Join(Environment.NewLine, judge) + Environment.NewLine), replace: overwrite);
        }

        foreach (var l in learned)
        {
            l.Net.Dispose();
        }
    }

    /// <summary>The columns <see cref="Features"/> writes.</summary>
    public const string FeatureHeader = "sigma2\tsigma4\trho\tpca2\tchroma_share\tcolour_sigma";

    /// <summary>
    /// The statistics' features as the reading computed them: σ₂, σ₄, ρ = σ₄/σ₂, the half-size patch PCA π₂, chroma/σ₂
    /// and the colour patch-PCA σ.
    /// </summary>
    public static string Features(NoiseReading reading)
    {
        var p = reading.Photo;
        return string.Create(CultureInfo.InvariantCulture, $"{p.LumaCoarse:F4}\t{p.LumaCoarser:F4}\t{p.ScaleRatio:F4}\t{p.LumaCoarsePca:F4}\t{p.ChromaShare:F4}\t{reading.ColourSigma:F4}");
    }

    private static List<(string Name, Bgra8Image Noisy, Bgra8Image Clean)> Pairs(string set, int skip, int take)
    {
        var files = Directory.GetFiles(set).Where(ImageFile.IsSupportedInput).Order(StringComparer.Ordinal).ToArray();
        var list = new List<(string, Bgra8Image, Bgra8Image)>();
        foreach (var f in files)
        {
            string name = Path.GetFileNameWithoutExtension(f), dir = Path.GetDirectoryName(f)!, ext = Path.GetExtension(f);
            string? clean = name.EndsWith("_real", StringComparison.Ordinal) ? Path.Combine(dir, name[..^5] + "_mean" + ext)
                : name.StartsWith("NOISY_", StringComparison.Ordinal) ? Path.Combine(dir, "GT_" + name[6..] + ext) : null;
            if (clean != null && File.Exists(clean))
            {
                list.Add((name, ImageFile.Load(f), ImageFile.Load(clean)));
            }
        }

        return list.Count == 0 ? throw new TrainerException($"{set}: no name_real/name_mean or NOISY_i/GT_i pairs") : list.Skip(skip).Take(take).ToList();
    }

    private static List<(string Name, Bgra8Image Noisy, Bgra8Image Clean)> CleanJpegs(string set, int skip, int take)
    {
        var files = Directory.GetFiles(set).Where(ImageFile.IsSupportedInput).Order(StringComparer.Ordinal).Skip(skip).Take(take).ToArray();
        return files.Select((f, i) =>
        {
            int q = CleanQualities[i % CleanQualities.Length];
            var jpeg = JpegCompression.Decode(JpegCompression.Encode(ImageFile.Load(f), q));
            return ($"{Path.GetFileNameWithoutExtension(f)}_q{q}", jpeg, jpeg);
        }).ToList();
    }
}
