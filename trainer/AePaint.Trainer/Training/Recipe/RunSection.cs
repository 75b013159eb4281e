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

    public void Check(RecipeProblems p)
    {
        p.AtLeast("threads", Threads, 0, " (0 = all cores)");
        p.OneOf("device", Device, "cpu", "cuda");
    }
}
