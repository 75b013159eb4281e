using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Cli;

/// <summary>One net `aepaint-train bench` times: a preset at a batch shape, with a recipe's clipping, EMA and loss.</summary>
internal sealed record BenchCase(ModelTask Task, string Preset, int Scale, int Batch, int Patch, double GradClip, double Ema, string Loss)
{
    /// <summary>The net, batch, input patch, clipping, EMA and loss a recipe trains with.</summary>
    public static BenchCase FromRecipe(string path)
    {
        var o = TrainOptions.Load(path);
        var task = o.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        return new BenchCase(task, o.Network.Preset, task == ModelTask.Denoise ? 1 : o.Network.Scale, o.Data.BatchSize, o.Data.PatchSize,
            o.Optimiser.GradClip, o.Optimiser.Ema, o.Optimiser.Loss);
    }

    /// <summary>Every preset of both tasks (SR at ×2) at one batch shape.</summary>
    public static IEnumerable<BenchCase> Presets(int batch, int patch, double gradClip, double ema)
    {
        foreach (var p in NetPreset.Denoise.Keys)
        {
            yield return new BenchCase(ModelTask.Denoise, p, 1, batch, patch, gradClip, ema, "charbonnier");
        }

        foreach (var p in NetPreset.SuperResolution.Keys)
        {
            yield return new BenchCase(ModelTask.SuperResolution, p, 2, batch, patch, gradClip, ema, "charbonnier");
        }
    }

    public NetSpec Spec => new(Task, Preset, Scale);
}
