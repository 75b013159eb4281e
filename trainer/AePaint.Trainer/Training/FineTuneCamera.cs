using System.Globalization;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Trainer.Data;
using AePaint.Trainer.Degradations;
using AePaint.Trainer.Nets;
using static TorchSharp.torch;

namespace AePaint.Trainer.Training;

/// <summary>
/// `--calibrate --clean-photos &lt;folder&gt; --from &lt;model&gt; --data &lt;one camera's noisy JPEGs&gt;`: fits the camera
/// (<see cref="CameraFit"/>) from the noisy photos alone and fine-tunes the base on the clean photos put through it.
/// The fit needs clean crops of the same scenes, and the user has none: the base model's output on the noisy crops
/// (told each crop's auto σ) stands in, so the synthesized shots carry the user's own content (fit on other photos,
/// content differences moved the fitted level by a third). Then the σ the model is told: the base is scored on the
/// held-out clean photos through the fitted camera at each σ of <see cref="SigmaGrid"/> and with its auto σ (the
/// default); the best fixed σ becomes the run's constant σ map and the card's whole σ range, and both base scores
/// are kept for the guard.
/// </summary>
internal static class FineTuneCamera
{
    /// <summary>At most this many noisy photos (evenly spaced by name) are read for the fit: it synthesizes each ~60 times.</summary>
    public const int MaxShots = 24;

    public static readonly float[] SigmaGrid = [2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 22, 26, 30, 35, 40];

    /// <summary>The options with the camera fitted and the clean photos as the data (a stored fit is kept as it is).</summary>
    public static TrainOptions Fit(TrainOptions o, TextWriter log)
    {
        var noise = o.Degradation.Noise;
        if (noise.FittedCamera is not null)
        {
            return o;
        }

        var shots = new List<string>();
        foreach (var folder in o.Data.Folders)
        {
            if (!Directory.Exists(folder))
            {
                throw new TrainerException($"{folder}: photo folder not found");
            }

            shots.AddRange(PhotoFolderScan.ApplyExclusions(PhotoFolderScan.FindPhotos(folder), o.Data.Exclude, null).Kept);
        }

        shots.Sort(StringComparer.Ordinal);
        var used = Spaced(shots, MaxShots);
        var crops = CameraFit.Crops(used).Where(c => c.Width >= 64 && c.Height >= 64).ToList();
        if (crops.Count < 2)
        {
            throw new TrainerException($"--calibrate: {string.Join(", ", o.Data.Folders)}: {crops.Count} readable noisy photo(s) of at least 64×64; the camera fit needs at least 2");
        }

        var references = PseudoClean(o.FineTune.From!, crops);
        var camera = CameraFit.Fit(crops, CameraFit.Quality(used), references, log) with
        {
            Photos = crops.Count,
            ShotFolders = [.. o.Data.Folders],
        };
        return o with
        {
            Data = o.Data with { Folders = [.. noise.CleanPhotos!.Select(Path.GetFullPath)] },
            Degradation = o.Degradation with { Noise = noise with { FittedCamera = camera } },
        };
    }

    /// <summary>
    /// The σ map the run trains with: the base's best fixed σ on the held-out photos through the fitted camera
    /// (<paramref name="data"/>'s validation, built with the σ map still unset), beside its auto σ score.
    /// </summary>
    public static TrainOptions PickSigma(TrainOptions o, ITrainingData data, string runDir, TextWriter log)
    {
        var camera = o.Degradation.Noise.FittedCamera!;
        TorchRuntime.Initialize();
        using var net = FineTune.Load(o.FineTune.From!);
        var range = o.Degradation.Noise;
        double Score(Func<Batch, float[], float> sigma) =>
            new Validator([.. data.Validation.Select(b => WithSigma(b, sigma))], runDir, ModelTask.Denoise, o).Run(net, 0, samples: false).Psnr;

        var scores = SigmaGrid.Select(s => (Sigma: s, Psnr: Score((_, _) => s))).ToList();
        var best = scores.MaxBy(s => s.Psnr);
        double auto = Score((b, rgb) => Math.Clamp(NoiseLevel.Estimate(PixelConversion.ToBgra8(new PlanarImage(3, b.Width, b.Height, rgb))), range.SigmaMin, range.SigmaMax));
        var ci = CultureInfo.InvariantCulture;
        log.WriteLine(string.Create(ci, $"σ map: the base on {data.Validation.Count} held-out photo(s) through the fitted camera — auto σ {auto:F2} dB; ") +
            string.Join(", ", scores.Select(s => string.Create(ci, $"σ {s.Sigma:0} {s.Psnr:F2}"))) + string.Create(ci, $" → trains and declares σ {best.Sigma:0}"));
        return o with
        {
            Degradation = o.Degradation with
            {
                Noise = o.Degradation.Noise with
                {
                    SigmaMin = best.Sigma,
                    SigmaMax = best.Sigma,
                    FittedCamera = camera with { Sigma = best.Sigma, BaseAutoPsnr = Math.Round(auto, 3), BaseSigmaPsnr = Math.Round(best.Psnr, 3) },
                },
            },
        };
    }

    /// <summary>
    /// The guard's base: the better of the base told the run's σ (what the loop scored) and the default (its auto σ),
    /// so a fine-tune is exported only when it beats denoise-fast used either way.
    /// </summary>
    public static ValidationResult Baseline(ValidationResult loopBase, FittedCamera? camera, TextWriter log)
    {
        if (camera?.BaseAutoPsnr is not { } auto || !(auto > loopBase.Psnr))
        {
            return loopBase;
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the base with its auto σ ({auto:F2} dB) beats it told σ {camera.Sigma:0} ({loopBase.Psnr:F2} dB) on the hold-out: the fine-tune is judged against the auto score"));
        return loopBase with { Psnr = auto };
    }

    /// <summary>Every <c>n/max</c>-th path, so a long series is sampled across its whole span.</summary>
    private static List<string> Spaced(List<string> paths, int max) =>
        paths.Count <= max ? paths : [.. Enumerable.Range(0, max).Select(i => paths[(int)((long)i * paths.Count / max)])];

    /// <summary>The base's output on each crop (cut to the net's multiple), told the crop's auto σ.</summary>
    internal static List<PlanarImage> PseudoClean(string basePath, IReadOnlyList<PlanarImage> crops)
    {
        TorchRuntime.Initialize();
        using var net = FineTune.Load(basePath);
        net.Module.eval();
        using var noGrad = no_grad();
        var range = FineTune.BaseRecipe(basePath)?.Degradation.Noise ?? new Recipe.NoiseSection();
        var clean = new List<PlanarImage>();
        foreach (var full in crops)
        {
            int w = full.Width / net.MultipleOf * net.MultipleOf, h = full.Height / net.MultipleOf * net.MultipleOf;
            var crop = new PlanarImage(3, w, h);
            PixelConversion.ReadWindow(full, 0, 0, crop);
            float sigma = Math.Clamp(NoiseLevel.Estimate(PixelConversion.ToBgra8(crop)), range.SigmaMin, range.SigmaMax);
            var input = new float[4 * w * h];
            crop.Data.CopyTo(input, 0);
            input.AsSpan(3 * w * h).Fill(sigma / 255f);
            using var scope = NewDisposeScope();
            var output = net.Module.forward(tensor(input, [1, 4, h, w])).Clamp(0, 1).contiguous();
            clean.Add(new PlanarImage(3, w, h, output.data<float>().ToArray()));
        }

        return clean;
    }

    /// <summary>The batch with its σ plane (the 4th input channel) set per crop by <paramref name="sigma"/>(batch, crop RGB).</summary>
    private static Batch WithSigma(Batch b, Func<Batch, float[], float> sigma)
    {
        var input = (float[])b.Input.Clone();
        int plane = b.Width * b.Height;
        for (int i = 0; i < b.Count; i++)
        {
            var rgb = input.AsSpan(i * 4 * plane, 3 * plane).ToArray();
            input.AsSpan((i * 4 * plane) + (3 * plane), plane).Fill(sigma(b, rgb) / 255f);
        }

        return b with { Input = input };
    }
}
