namespace AePaint.Trainer.Training.Recipe;

/// <summary>`schedule`: how long, the learning-rate curve (warm-up + cosine), and when to validate and save.</summary>
internal sealed record ScheduleSection
{
    public long Steps { get; init; } = 10_000;

    /// <summary>Wall-clock budget; the run stops (checkpoint + export) at whichever of steps and minutes comes first.</summary>
    public double? Minutes { get; init; }

    public long WarmupSteps { get; init; } = 200;

    /// <summary>The learning rate the cosine ends at.</summary>
    public double MinLearningRate { get; init; } = 1e-6;

    public long ValidateEvery { get; init; } = 500;

    public long CheckpointEvery { get; init; } = 500;

    /// <summary>Step checkpoints kept besides best.ckpt.</summary>
    public int KeepCheckpoints { get; init; } = 3;

    /// <summary>Stop after this many validations without a new best hold-out score (0 = never).</summary>
    public int EarlyStopPatience { get; init; }

    public void Check(RecipeProblems p, double learningRate)
    {
        p.AtLeast("steps", Steps, 1);
        p.Check(Minutes is null or > 0, "minutes", $"{Minutes} is out of range; allowed: above 0, or absent");
        p.AtLeast("warmupSteps", WarmupSteps, 0);
        p.Range("minLearningRate", MinLearningRate, 0, learningRate, " (optimiser.learningRate)");
        p.AtLeast("validateEvery", ValidateEvery, 1);
        p.AtLeast("checkpointEvery", CheckpointEvery, 1);
        p.AtLeast("keepCheckpoints", KeepCheckpoints, 1);
        p.AtLeast("earlyStopPatience", EarlyStopPatience, 0, " (0 = never)");
    }
}
