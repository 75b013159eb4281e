using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using static TorchSharp.torch;

namespace AePaint.Trainer.Training;

/// <summary>
/// Fine-tuning start: copies every parameter whose name and shape match from a checkpoint into a fresh net, so a
/// ×4 SR net can start from a trained ×2 net (only the sub-pixel head differs) as EDSR does, and a same-shape net
/// continues exactly. Refuses a checkpoint of another task or one that shares no weights.
/// </summary>
internal static class WeightTransfer
{
    public sealed record Result(int Copied, int Skipped, IReadOnlyList<string> SkippedNames);

    public static Result FromCheckpoint(string path, TrainableNet target)
    {
        var state = Checkpoint.Load(path, null, null);
        var sourceOptions = TrainOptions.FromStored(state.OptionsJson, path);
        var task = sourceOptions.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        if (task != target.Task)
        {
            throw new TrainerException($"{path}: initFrom checkpoint is a {sourceOptions.Task} model; this run trains {(target.Task == ModelTask.Denoise ? "denoise" : "sr")}");
        }

        using var source = TrainableNet.Create(task, sourceOptions.Network.Preset, sourceOptions.Network.Scale, sourceOptions.Run.Seed);
        Checkpoint.LoadInferenceWeights(path, source);
        var result = Copy(source, target, path);
        if (result.Copied == 0)
        {
            throw new TrainerException($"{path}: initFrom checkpoint ({sourceOptions.Network.Preset}, ×{sourceOptions.Network.Scale}) shares no weights with this net");
        }

        return result;
    }

    /// <summary>Copies every parameter of <paramref name="source"/> whose name and shape match into <paramref name="target"/>.</summary>
    public static Result Copy(TrainableNet source, TrainableNet target, string sourceName)
    {
        if (source.Task != target.Task)
        {
            throw new TrainerException($"{sourceName}: a {(source.Task == ModelTask.Denoise ? "denoise" : "sr")} model cannot start a {(target.Task == ModelTask.Denoise ? "denoise" : "sr")} run");
        }

        var sourceParams = source.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        int copied = 0;
        var skipped = new List<string>();
        using (no_grad())
        {
            foreach (var (name, p) in target.Module.named_parameters())
            {
                if (sourceParams.TryGetValue(name, out var s) && s.shape.SequenceEqual(p.shape))
                {
                    p.copy_(s);
                    copied++;
                }
                else
                {
                    skipped.Add(name);
                }
            }
        }

        return new Result(copied, skipped.Count, skipped);
    }
}
