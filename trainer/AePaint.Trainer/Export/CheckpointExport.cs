using System.Globalization;
using AePaint.Inference.Cards;
using AePaint.Imaging;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Export;

/// <summary>Turns a training checkpoint into the shipped form: .onnx with its card (provenance, metrics) + sidecar, parity-checked.</summary>
internal static class CheckpointExport
{
    public static (ModelCard Card, IReadOnlyList<ParityResult> Parity) Export(string checkpoint, string outPath, string? name = null, Bgra8Image? sample = null, ExportContext? context = null, WeightStorage weights = WeightStorage.Auto, string? description = null)
    {
        var state = Checkpoint.Load(checkpoint, null, null);
        var options = TrainOptions.FromStored(state.OptionsJson, checkpoint);
        TorchRuntime.Initialize();
        var task = options.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        using var net = TrainableNet.Create(task, options.Network.Preset, options.Network.Scale, options.Run.Seed);
        Checkpoint.LoadInferenceWeights(checkpoint, net);
        net.Module.eval();
        int rf = ReceptiveField.Measure(net);
        var metrics = Metrics(state, options, task, context ?? new ExportContext());

        var card = net.BaseCard(name ?? options.Name, rf, options.Degradation.Noise.MapSpec()) with
        {
            WeightStorage = OnnxExporter.StorageFor(weights, net),
            Description = description ?? (task != ModelTask.Denoise
                ? $"AePaint {(net.Preset.Rep ? "SPAN-style attention" : "residual")} SR net ({options.Network.Preset}), ×{options.Network.Scale}, trained on MATLAB-bicubic downscales."
                : options.NoisyOnly.Enabled
                    ? $"AePaint U-Net denoiser ({options.Network.Preset}) trained without clean targets (Neighbor2Neighbor) on {(options.NoisyOnly.SyntheticNoise is { } sn ? $"noisy copies (AWGN σ {sn:0}) of" : "noisy")} photos; noise-level map = the photo's estimated σ (as \"auto\")."
                    : options.Degradation.Noise.FittedCamera is { } fitted
                        ? $"AePaint U-Net denoiser ({options.Network.Preset}) fine-tuned for one camera: clean photos through the camera fitted from {fitted.Photos} of its noisy photos ({fitted}); told σ {fitted.Sigma:0} always."
                    : options.Degradation.Noise.Calibration is { } cal
                        ? $"AePaint U-Net denoiser ({options.Network.Preset}) trained on the user's low-ISO shots with noise fitted from their ISO {cal.IsoMin}–{cal.IsoMax} photos{(cal.Camera is { } cam ? $" ({cam})" : string.Empty)}."
                        : $"AePaint U-Net denoiser ({options.Network.Preset}) with a noise-level map, σ {options.Degradation.Noise.SigmaMin:0}–{options.Degradation.Noise.SigmaMax:0}."),
            Training = new TrainingInfo
            {
                Data = string.Join(", ", options.Data.Folders.Select(Path.GetFileName)),
                Steps = state.Step,
                Recipe = state.OptionsJson,
                Trainer = "aepaint-train " + typeof(CheckpointExport).Assembly.GetName().Version?.ToString(3),
                WallTimeHours = Math.Round(state.ElapsedSeconds / 3600, 3),
                BaseModel = options.FineTune.From is null ? null : context?.BaseName ?? Path.GetFileNameWithoutExtension(options.FineTune.From),
                Photos = context?.Photos,
                Supervision = task == ModelTask.Denoise ? (options.NoisyOnly.Enabled ? "noisy-only" : options.Degradation.Noise.Calibration != null ? "calibrated-noise" : options.Degradation.Noise.FittedCamera != null ? "fitted-camera" : "clean-targets")
                    : options.Degradation.SrInput == "real" ? "real-degradations" : null,
                Camera = options.Degradation.Noise.Calibration?.Camera,
                IsoMin = options.Degradation.Noise.Calibration?.IsoMin,
                IsoMax = options.Degradation.Noise.Calibration?.IsoMax,
            },
            Metrics = metrics,
            Tags = [task == ModelTask.Denoise ? "denoise" : "super-resolution", "aepaint"],
        };
        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        if (!Directory.Exists(dir))
        {
            throw new TrainerException($"{outPath}: the folder {dir} does not exist");
        }

        var parity = OnnxExporter.Export(net, card, outPath, sample);
        return (TileOverlapRecord.Apply(outPath, card, sample), parity);
    }

    /// <summary>Validation scores of the exported step, and for a fine-tune the hold-out comparison with its base.</summary>
    private static List<MetricEntry> Metrics(CheckpointState state, TrainOptions options, ModelTask task, ExportContext context)
    {
        var metrics = new List<MetricEntry>();
        var last = state.Curve.LastOrDefault(p => p.ValidationPsnr is { } v && double.IsFinite(v));
        var condition = task != ModelTask.Denoise ? $"held-out training photos, ×{options.Network.Scale}, Y"
            : options.NoisyOnly.Enabled ? (options.NoisyOnly.SyntheticNoise is { } sn ? $"held-out photos' noisy copies (AWGN σ {sn:0}) vs originals" : "held-out noisy photos vs clean references")
            : options.Degradation.Noise.FittedCamera is { } fc ? $"held-out clean photos through the fitted camera ({fc}), σ map {fc.Sigma:0}"
            : $"held-out training photos, σ {PhotoTrainingData.ValidationSigma:0} AWGN";
        if (last != null)
        {
            metrics.Add(new MetricEntry("validation", "psnr", Math.Round(last.ValidationPsnr!.Value, 3), condition));
            metrics.Add(new MetricEntry("validation", "ssim", Math.Round(last.ValidationSsim ?? double.NaN, 4), condition));
        }

        var lastLoss = state.Curve.LastOrDefault(p => p.ValidationLoss is { } v && double.IsFinite(v));
        if (lastLoss != null)
        {
            metrics.Add(new MetricEntry("validation", "n2n-loss", Math.Round(lastLoss.ValidationLoss!.Value, 7), "held-out noisy photos, Neighbor2Neighbor loss at full γ"));
        }

        if (state.Base is { } b && state.BestStep > 0)
        {
            var held = $"hold-out: {context.Holdout?.ToString(CultureInfo.InvariantCulture) ?? "the"} held-out photo(s), {condition}; base {context.BaseName ?? Path.GetFileNameWithoutExtension(options.FineTune.From)}";
            if (b.ByPsnr)
            {
                metrics.Add(new MetricEntry("holdout", "psnr-base", Math.Round(b.Psnr, 3), held));
                metrics.Add(new MetricEntry("holdout", "psnr", Math.Round(state.BestScore, 3), held));
                metrics.Add(new MetricEntry("holdout", "gain-db", Math.Round(state.BestScore - b.Psnr, 3), held));
            }
            else
            {
                metrics.Add(new MetricEntry("holdout", "n2n-loss-base", Math.Round(b.SelfLoss, 7), held));
                metrics.Add(new MetricEntry("holdout", "n2n-loss", Math.Round(-state.BestScore, 7), held));
            }
        }

        return metrics;
    }

    public static string Describe(IReadOnlyList<ParityResult> parity) =>
        string.Join(", ", parity.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Width}×{p.Height} {p.Input} {p.MaxAbsDiff:E1}")));
}
