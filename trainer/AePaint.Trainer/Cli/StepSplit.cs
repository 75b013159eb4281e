namespace AePaint.Trainer.Cli;

/// <summary>Mean milliseconds of each part of a training step, as the training loop runs them.</summary>
internal sealed record StepSplit(double Forward, double Backward, double Clip, double Optimizer, double Ema)
{
    public double Total => Forward + Backward + Clip + Optimizer + Ema;

    /// <summary>Clipping, AdamW and EMA: the per-parameter bookkeeping around forward and backward.</summary>
    public double Bookkeeping => Clip + Optimizer + Ema;
}
