using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Cli;

/// <summary>One net `aepaint-train bench` times: a preset at a batch shape, with a recipe's loss, clipping, weight decay and EMA.</summary>
internal sealed record BenchCase(ModelTask Task, string Preset, int Scale, int Batch, int Patch, string Loss, double GradClip, double WeightDecay, double Ema)
{
    /// <summary>The net, batch, input patch, loss, clipping, weight decay and EMA a recipe trains with.</summary>
    public static BenchCase FromRecipe(string path)
    {
        var o = TrainOptions.Load(path);
        var task = o.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        return new BenchCase(task, o.Network.Preset, task == ModelTask.Denoise ? 1 : o.Network.Scale, o.Data.BatchSize, o.Data.PatchSize,
            o.Optimiser.Loss, o.Optimiser.GradClip, o.Optimiser.WeightDecay, o.Optimiser.Ema);
    }

    /// <summary>
    /// Every preset of both tasks (SR at ×2) at one batch shape, with trainer/bench/torch_reference.py's step (L1 loss,
    /// AdamW) plus the clipping and EMA asked for.
    /// </summary>
    public static IEnumerable<BenchCase> Presets(int batch, int patch, double gradClip, double ema)
    {
        foreach (var p in NetPreset.Denoise.Keys)
        {
            yield return new BenchCase(ModelTask.Denoise, p, 1, batch, patch, "l1", gradClip, 0, ema);
        }

        foreach (var p in NetPreset.SuperResolution.Keys)
        {
            yield return new BenchCase(ModelTask.SuperResolution, p, 2, batch, patch, "l1", gradClip, 0, ema);
        }
    }

    public NetSpec Spec => new(Task, Preset, Scale);
}
