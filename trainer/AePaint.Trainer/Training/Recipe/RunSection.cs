using System.Text.Json.Serialization;

namespace AePaint.Trainer.Training.Recipe;

/// <summary>`run`: where and how the process computes; none of it changes what is learned except the seed.</summary>
internal sealed record RunSection
{
    /// <summary>CPU threads (0 = all cores).</summary>
    public int Threads { get; init; }

    /// <summary>Seeds the initial weights, the train/validation split and every batch.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>"cpu" or "cuda" (the Windows CUDA build only).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Trains with the weights and batches laid out channels-last (NHWC), which oneDNN convolves with fewer reorders;
    /// checkpoints and exports stay NCHW. Left out of stored recipes when false, so those read as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ChannelsLast { get; init; }

    public void Check(RecipeProblems p)
    {
        p.AtLeast("threads", Threads, 0, " (0 = all cores)");
        p.OneOf("device", Device, "cpu", "cuda");
    }
}
