using System.Globalization;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;

namespace AePaint.Trainer.Training;

/// <summary>
/// Fine-tuning from a shipped model (--from): finds and loads the base (a model name, an .onnx, or a .ckpt), gives
/// small photo sets safe defaults, and judges the result on the held-out photos against the base.
/// </summary>
internal static class FineTune
{
    /// <summary>
    /// Defaults for 50–500 photos where neither the options file nor a flag set the key: a low learning rate and short
    /// schedule (a shipped model is already good; big steps forget it), a bigger hold-out (by file, seeded), frequent
    /// validation and an early stop once the hold-out stops improving.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Func<TrainOptions, TrainOptions>> Defaults = new Dictionary<string, Func<TrainOptions, TrainOptions>>
    {
        ["optimiser.learningRate"] = o => o with { Optimiser = o.Optimiser with { LearningRate = 5e-5 } },
        ["schedule.warmupSteps"] = o => o with { Schedule = o.Schedule with { WarmupSteps = 20 } },
        ["schedule.steps"] = o => o with { Schedule = o.Schedule with { Steps = 1500 } },
        ["schedule.validateEvery"] = o => o with { Schedule = o.Schedule with { ValidateEvery = 100 } },
        ["schedule.checkpointEvery"] = o => o with { Schedule = o.Schedule with { CheckpointEvery = 100 } },
        ["schedule.earlyStopPatience"] = o => o with { Schedule = o.Schedule with { EarlyStopPatience = 4 } },
        ["data.validationFraction"] = o => o with { Data = o.Data with { ValidationFraction = 0.2 } },
    };

    public static TrainOptions WithDefaults(TrainOptions o, IReadOnlySet<string> explicitKeys) =>
        Defaults.Where(d => !explicitKeys.Contains(d.Key)).Aggregate(o, (acc, d) => d.Value(acc));

    /// <summary>
    /// The degradations a base was trained with, carried into its fine-tune where nothing set it (each key matters
    /// only to its task: σ range, camera noise and clipping to denoisers, srInput to SR nets): a fine-tune on
    /// plain AWGN would quietly unlearn what the base's last stage added (8-bit clipped inputs, camera-pipeline noise)
    /// while the hold-out (AWGN σ 25) could still call it better.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Func<TrainOptions, TrainOptions, TrainOptions>> Inherited = new Dictionary<string, Func<TrainOptions, TrainOptions, TrainOptions>>
    {
        ["degradation.noise.sigmaMin"] = (o, b) => WithNoise(o, n => n with { SigmaMin = b.Degradation.Noise.SigmaMin }),
        ["degradation.noise.sigmaMax"] = (o, b) => WithNoise(o, n => n with { SigmaMax = b.Degradation.Noise.SigmaMax }),
        ["degradation.noise.realFraction"] = (o, b) => WithNoise(o, n => n with { RealFraction = b.Degradation.Noise.RealFraction }),
        ["degradation.noise.realModel"] = (o, b) => WithNoise(o, n => n with { RealModel = b.Degradation.Noise.RealModel }),
        ["degradation.clipFraction"] = (o, b) => o with { Degradation = o.Degradation with { ClipFraction = b.Degradation.ClipFraction } },
        ["degradation.jpegFraction"] = (o, b) => o with { Degradation = o.Degradation with { JpegFraction = b.Degradation.JpegFraction } },
        ["degradation.cleanJpegFraction"] = (o, b) => o with { Degradation = o.Degradation with { CleanJpegFraction = b.Degradation.CleanJpegFraction } },
        ["degradation.cleanJpegSigmaMax"] = (o, b) => o with { Degradation = o.Degradation with { CleanJpegSigmaMax = b.Degradation.CleanJpegSigmaMax } },
        ["degradation.srInput"] = (o, b) => o with { Degradation = o.Degradation with { SrInput = b.Degradation.SrInput } },
    };

    private static TrainOptions WithNoise(TrainOptions o, Func<Recipe.NoiseSection, Recipe.NoiseSection> change) =>
        o with { Degradation = o.Degradation with { Noise = change(o.Degradation.Noise) } };

    /// <summary>The base's recipe (its card's, or its checkpoint's options), or null when it has none that parses.</summary>
    public static TrainOptions? BaseRecipe(string path)
    {
        try
        {
            string? json = path.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase)
                ? Checkpoint.Load(path, null, null).OptionsJson
                : OnnxWeightImport.ReadCard(OnnxFormat.OnnxModelFile.Read(path), path).Training?.Recipe;
            return json is null ? null : TrainOptions.FromStored(json, path);
        }
        catch (TrainerException)
        {
            return null;
        }
    }

    /// <summary>Fine-tunes inherit the base's degradation keys, except noisy-only or calibrated ones, whose noise is the user's.</summary>
    public static TrainOptions InheritNoise(TrainOptions o, TrainOptions? baseRecipe, IReadOnlySet<string> explicitKeys) =>
        baseRecipe is null || o.NoisyOnly.Enabled || o.Degradation.Noise.Calibrate
            ? o
            : Inherited.Where(k => !explicitKeys.Contains(k.Key)).Aggregate(o, (acc, k) => k.Value(acc, baseRecipe));

    /// <summary>A path to the base: an existing .onnx/.ckpt file, else a model name from the models folders.</summary>
    public static string Resolve(string from) =>
        File.Exists(from) ? Path.GetFullPath(from)
        : from.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase) ? throw new TrainerException($"--from {from}: checkpoint not found")
        : ModelCatalog.Default().Resolve(from);

    /// <summary>The base's task, preset and display name, read without loading weights.</summary>
    public static (ModelTask Task, string Preset, int Scale, string Name) Describe(string path)
    {
        if (path.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase))
        {
            var o = TrainOptions.FromStored(Checkpoint.Load(path, null, null).OptionsJson, path);
            return (o.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution, o.Network.Preset, o.Network.Scale, o.Name);
        }

        var card = OnnxWeightImport.ReadCard(OnnxFormat.OnnxModelFile.Read(path), path);
        var (task, preset, scale) = OnnxWeightImport.Describe(card, path);
        return (task, preset, scale, card.Name);
    }

    /// <summary>The base as a TorchSharp net (weights exactly as shipped).</summary>
    public static TrainableNet Load(string path)
    {
        if (!path.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase))
        {
            return OnnxWeightImport.Load(path);
        }

        var (task, preset, scale, _) = Describe(path);
        var net = TrainableNet.Create(task, preset, scale, seed: 0);
        Checkpoint.LoadInferenceWeights(path, net);
        return net;
    }

    /// <summary>
    /// Export only a clear win on the hold-out: PSNR at least <paramref name="minGain"/> dB above the base's, or — a
    /// noisy-only run without clean references — a self-supervised loss at least <paramref name="minGain"/> dB below
    /// the base's (10·log10 of their ratio; weaker evidence, and said so). A bare "lower" would let one step of
    /// rounding-level change pass as a better model.
    /// </summary>
    public static HoldoutVerdict Judge(ValidationResult baseResult, double bestScore, long bestStep, double minGain, string baseName, int holdout)
    {
        var ci = CultureInfo.InvariantCulture;
        double baseScore = baseResult.Score;
        bool byPsnr = baseResult.ByPsnr;
        bool found = bestStep > 0 && double.IsFinite(bestScore);
        // Self-supervised scores are negated losses: their gain in dB is 10·log10(base loss / fine-tuned loss).
        double gain = byPsnr ? bestScore - baseScore : 10 * Math.Log10(baseScore / bestScore);
        bool export = found && gain >= minGain;
        string Measure(double score) => byPsnr ? string.Create(ci, $"{score:F2} dB") : string.Create(ci, $"self-supervised loss {-score:E3}");
        var what = string.Create(ci, $"hold-out ({holdout} photo(s)): base {baseName} {Measure(baseScore)}");
        var message = export
            ? string.Create(ci, $"{what}, fine-tuned {Measure(bestScore)} at step {bestStep} ({(byPsnr ? $"+{gain:F2} dB" : $"loss {gain:F2} dB lower; no clean references, so this is the weaker self-supervised evidence")}): exporting the fine-tuned model")
            : found
                ? string.Create(ci, $"{what}, best fine-tuned {Measure(bestScore)} at step {bestStep}{(byPsnr ? $" ({gain:+0.00;-0.00;+0.00} dB; needs +{minGain:F2})" : $" (loss {gain:F2} dB lower; needs {minGain:F2})")}: the fine-tuned model is not better than the base. Nothing exported; keep using {baseName}")
                : $"{what}; the fine-tuned model never beat it. Nothing exported; keep using {baseName}";
        return new HoldoutVerdict(export, baseScore, bestScore, byPsnr, message);
    }

    /// <summary>
    /// A self-supervised win on photos whose noise is correlated (<see cref="NoiseCorrelation"/>) is no evidence:
    /// Neighbor2Neighbor's loss falls while the net learns to keep that noise. Nothing is exported then.
    /// </summary>
    public static HoldoutVerdict Unverifiable(HoldoutVerdict verdict, double correlation, string baseName) =>
        verdict.ByPsnr || !verdict.Export || !(correlation > NoiseCorrelation.CorrelatedAbove)
            ? verdict
            : verdict with
            {
                Export = false,
                Message = verdict.Message.Replace(": exporting the fine-tuned model", string.Empty, StringComparison.Ordinal) + string.Create(CultureInfo.InvariantCulture,
                    $". But these photos' noise is spatially correlated (difference ratio {correlation:F2}; white noise reads ≈ 1), as a camera JPEG's is, and then that loss falls even when the model keeps the noise: it cannot tell whether this beats {baseName}. Nothing exported; keep using {baseName}, or judge by PSNR with --clean-reference <clean shots of the same scenes>"),
            };
}

