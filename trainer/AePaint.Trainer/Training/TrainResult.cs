namespace AePaint.Trainer.Training;

/// <summary>How a run ended. Base: the fine-tune base's hold-out result (null without --from).</summary>
internal sealed record TrainResult(long Steps, string LastCheckpoint, string? BestCheckpoint, IReadOnlyList<CurvePoint> Curve, bool Cancelled)
{
    public ValidationResult? Base { get; init; }

    public double BestScore { get; init; }

    public long BestStep { get; init; }

    public bool EarlyStopped { get; init; }
}
