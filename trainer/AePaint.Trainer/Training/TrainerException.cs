namespace AePaint.Trainer.Training;

/// <summary>A problem the user can fix (bad options, unusable data): one clear line, non-zero exit.</summary>
internal sealed class TrainerException(string message, Exception? inner = null) : Exception(message, inner);
