namespace AePaint.Trainer.Training;

/// <summary>Everything besides tensors that resuming needs.</summary>
internal sealed record CheckpointState
{
    public long Step { get; init; }

    /// <summary>Best hold-out score so far (see <see cref="ValidationResult.Score"/>); a fine-tune starts at its base's.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("BestPsnr")] // the name older checkpoints use
    public double BestScore { get; init; } = double.NegativeInfinity;

    /// <summary>The step of the best hold-out score (0: none yet, or a fine-tune that has not beaten its base).</summary>
    public long BestStep { get; init; }

    /// <summary>Validations since the best one, for the early stop.</summary>
    public int SinceBest { get; init; }

    /// <summary>The fine-tune base's hold-out result, measured once (fixed crops and noise: it cannot change).</summary>
    public ValidationResult? Base { get; init; }

    public double ElapsedSeconds { get; init; }

    public required string OptionsJson { get; init; }

    public List<CurvePoint> Curve { get; init; } = [];

    /// <summary>An EMA of the weights follows the module's weights in the file (<see cref="WeightBlock"/>).</summary>
    public bool HasEma { get; init; }

    /// <summary>AdamW's moments follow (false in a snapshot: resuming starts them afresh).</summary>
    public bool HasOptimizer { get; init; } = true;

    /// <summary>A snapshot: the weights (and EMA) as float16 <see cref="WeightBlock"/>s, no optimizer.</summary>
    public bool Snapshot { get; init; }

    /// <summary>The step at which AdamW last started with empty moments (resumed from a snapshot); the learning rate re-warms from there.</summary>
    public long? OptimizerRestartStep { get; init; }
}
