namespace AePaint.Trainer.Training.Recipe;

/// <summary>`noisyOnly`: train without clean targets (Neighbor2Neighbor) on the photos as they are: they are the noisy ones.</summary>
internal sealed record NoisyOnlySection
{
    public bool Enabled { get; init; }

    /// <summary>γ of the Neighbor2Neighbor regulariser (the paper's 2), ramped up from 0 over the run as in its code.</summary>
    public double N2nGamma { get; init; } = 2;

    /// <summary>
    /// Pixel-shuffle stride before the Neighbor2Neighbor pairing (1 = none; 2 = each patch is split into its 4
    /// stride-2 sub-images first, as PD / AP-BSN do): pixels one apart in a sub-image are two apart in the photo,
    /// so noise a camera correlated over a pixel (demosaicing, sharpening, JPEG) is nearly independent there.
    /// </summary>
    public int N2nStride { get; init; } = 1;

    /// <summary>
    /// Experiment on clean photos: AWGN of this σ is added once to every photo (fixed per photo and seed, unclipped),
    /// so training sees only the noisy copies while validation can still score against the originals.
    /// </summary>
    public float? SyntheticNoise { get; init; }

    /// <summary>Folder of clean originals (same file names) used only to report validation PSNR.</summary>
    public string? CleanReference { get; init; }

    public void Check(RecipeProblems p)
    {
        p.Range("n2nGamma", N2nGamma, 0, 100);
        p.Check(N2nStride is 1 or 2, "n2nStride", $"{N2nStride} is not allowed; allowed: 1 or 2");
        p.Check(SyntheticNoise is null or > 0 and <= 255, "syntheticNoise", $"{SyntheticNoise} is out of range; allowed: above 0, at most 255");
    }
}
