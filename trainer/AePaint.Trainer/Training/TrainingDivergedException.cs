namespace AePaint.Trainer.Training;

/// <summary>Training cannot go on (NaN/Inf loss, collapsed output); the last good checkpoint stays.</summary>
internal sealed class TrainingDivergedException(string message) : Exception(message);
