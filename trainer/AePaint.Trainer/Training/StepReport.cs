namespace AePaint.Trainer.Training;

/// <summary>Progress after one step, for the progress bar.</summary>
internal readonly record struct StepReport(long Step, long TotalSteps, double Loss, double LearningRate, double StepsPerSecond, TimeSpan Elapsed, TimeSpan? Eta);
