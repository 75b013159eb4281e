namespace AePaint.Trainer.Training.Recipe;

/// <summary>`optimiser`: AdamW, the loss, gradient clipping and the weights' moving average.</summary>
internal sealed record OptimiserSection
{
    /// <summary>Peak learning rate, reached after the warm-up.</summary>
    public double LearningRate { get; init; } = 2e-4;

    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Largest gradient norm (0 = no clipping).</summary>
    public double GradClip { get; init; } = 1.0;

    /// <summary>
    /// Decay of an exponential moving average of the weights (0 = off; e.g. 0.999 ≈ the last 1000 steps). When on,
    /// validation, best.ckpt and the export use the averaged weights: they are smoother than the last step's.
    /// </summary>
    public double Ema { get; init; }

    /// <summary>"charbonnier", "l1" or "l2" (the PSNR loss, for a last fine-tune stage after an L1/Charbonnier run).</summary>
    public string Loss { get; init; } = "charbonnier";

    public void Check(RecipeProblems p)
    {
        p.Check(LearningRate is > 0 and <= 1, "learningRate", $"{LearningRate} is out of range; allowed: above 0, at most 1");
        p.AtLeast("weightDecay", WeightDecay, 0);
        p.AtLeast("gradClip", GradClip, 0, " (0 = off)");
        p.Check(Ema is >= 0 and < 1, "ema", $"{Ema} is out of range; allowed: 0 (off) up to below 1");
        p.OneOf("loss", Loss, "charbonnier", "l1", "l2");
    }
}
