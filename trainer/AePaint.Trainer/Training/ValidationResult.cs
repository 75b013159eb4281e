namespace AePaint.Trainer.Training;

/// <summary>
/// Scores on the held-out photos. PSNR/SSIM are NaN when no held-out crop has a clean target; SelfLoss (noisy-only
/// runs) is the Neighbor2Neighbor loss at the full γ with fixed sub-samplings, NaN otherwise.
/// </summary>
internal sealed record ValidationResult(double Psnr, double Ssim, double SelfLoss)
{
    /// <summary>Higher is better: PSNR where clean targets exist, else the negated self-supervised loss.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Score => double.IsNaN(Psnr) ? -SelfLoss : Psnr;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool ByPsnr => !double.IsNaN(Psnr);
}
