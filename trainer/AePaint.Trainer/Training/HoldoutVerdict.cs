namespace AePaint.Trainer.Training;

/// <summary>What the hold-out guard decided at the end of a fine-tune, in words the user reads.</summary>
internal sealed record HoldoutVerdict(bool Export, double BaseScore, double BestScore, bool ByPsnr, string Message)
{
    /// <summary>Fine-tuned minus base: dB when scored by PSNR, else the drop of the self-supervised loss.</summary>
    public double Gain => BestScore - BaseScore;
}
