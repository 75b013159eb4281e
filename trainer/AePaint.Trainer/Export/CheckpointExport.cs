using System.Globalization;
using AePaint.Inference.Cards;
using AePaint.Imaging;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Export;

/// <summary>Turns a training checkpoint into the shipped form: .onnx with its card (provenance, metrics) + sidecar, parity-checked.</summary>
internal static class CheckpointExport
{
    public static (ModelCard Card, IReadOnlyList<ParityResult> Parity) Export(string checkpoint, string outPath, string? name = null, Bgra8Image? sample = null)
    {
        var state = Checkpoint.Load(checkpoint, null, null);
        var options = TrainOptions.FromJson(state.OptionsJson, checkpoint);
        TorchRuntime.Initialize();
        var task = options.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        using var net = TrainableNet.Create(task, options.Preset, options.Scale, options.Seed);
        Checkpoint.Load(checkpoint, net, null);
        net.Module.eval();
        int rf = ReceptiveField.Measure(net);
        var last = state.Curve.LastOrDefault(p => p.ValidationPsnr is { } v && double.IsFinite(v));
        var metrics = new List<MetricEntry>();
        if (last != null)
        {
            var condition = task == ModelTask.Denoise ? $"held-out training photos, σ {options.SigmaMin:0}–{options.SigmaMax:0}" : $"held-out training photos, ×{options.Scale}, Y";
            metrics.Add(new MetricEntry("validation", "psnr", Math.Round(last.ValidationPsnr!.Value, 3), condition));
            metrics.Add(new MetricEntry("validation", "ssim", Math.Round(last.ValidationSsim ?? double.NaN, 4), condition));
        }

        var card = net.BaseCard(name ?? options.Name, rf) with
        {
            Description = task == ModelTask.Denoise
                ? $"AePaint U-Net denoiser ({options.Preset}) with a noise-level map, σ {options.SigmaMin:0}–{options.SigmaMax:0}."
                : $"AePaint residual SR net ({options.Preset}), ×{options.Scale}, trained on MATLAB-bicubic downscales.",
            Training = new TrainingInfo
            {
                Data = string.Join(", ", options.Data.Select(Path.GetFileName)),
                Steps = state.Step,
                Recipe = state.OptionsJson,
                Trainer = "aepaint-train " + typeof(CheckpointExport).Assembly.GetName().Version?.ToString(3),
                WallTimeHours = Math.Round(state.ElapsedSeconds / 3600, 3),
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
        return (card, parity);
    }

    public static string Describe(IReadOnlyList<ParityResult> parity) =>
        string.Join(", ", parity.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Width}×{p.Height} {p.Input} {p.MaxAbsDiff:E1}")));
}
