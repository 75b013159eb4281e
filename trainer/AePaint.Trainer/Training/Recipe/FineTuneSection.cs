namespace AePaint.Trainer.Training.Recipe;

/// <summary>`fineTune`: start from a shipped model and export only when the held-out photos say it got better.</summary>
internal sealed record FineTuneSection
{
    /// <summary>
    /// Fine-tune from this model (name, .onnx or .ckpt) with the hold-out guard: export only if it beats the base on
    /// the held-out photos by at least <see cref="MinGain"/>. The preset follows the base.
    /// </summary>
    public string? From { get; init; }

    /// <summary>Hold-out PSNR gain (dB) a fine-tune needs over its base to be exported.</summary>
    public double MinGain { get; init; } = 0.05;

    public void Check(RecipeProblems p) => p.AtLeast("minGain", MinGain, 0);
}
