namespace AePaint.Trainer.Training.Recipe;

/// <summary>`degradation`: how a clean patch becomes the net's input.</summary>
internal sealed record DegradationSection
{
    public NoiseSection Noise { get; init; } = new();

    /// <summary>
    /// Share of denoise patches whose noisy input is clipped to [0, 1] and rounded to 8 bits, as every saved photo
    /// is: a net trained only on the protocol's unclipped noise loses accuracy on 8-bit input (models/README, History).
    /// </summary>
    public double ClipFraction { get; init; }

    /// <summary>
    /// Share of denoise patches whose noisy input is then saved as a camera does: 8-bit, JPEG at quality 60–95 (4:2:0),
    /// decoded (<see cref="Degradations.CameraJpeg"/>). The σ map stays the added noise's RMS.
    /// </summary>
    public double JpegFraction { get; init; }

    /// <summary>
    /// Share of denoise patches with no noise at all, JPEG'd at quality 60–95: σ map 0 and the target is the JPEG'd
    /// input itself, so a clean photo comes out unchanged rather than smoothed.
    /// </summary>
    public double CleanJpegFraction { get; init; }

    /// <summary>
    /// Largest σ a clean-JPEG patch is told (drawn uniformly in [0, max]; 0 = always σ 0). The automatic noise level
    /// reads busy clean photos as σ 3–16; a model that has only seen clean JPEGs at σ 0 smooths their texture when told
    /// such a σ, so this teaches it to leave them unchanged whatever small σ it is given.
    /// </summary>
    public double CleanJpegSigmaMax { get; init; }

    /// <summary>
    /// SR inputs: "bicubic" = the clean MATLAB-bicubic reduction the SR benchmarks use; "real" = blur, bicubic,
    /// noise, JPEG and 8-bit rounding (<see cref="Degradations.RealLowResolution"/>), for real small photos.
    /// </summary>
    public string SrInput { get; init; } = "bicubic";

    public void Check(RecipeProblems p)
    {
        Noise.Check(p.In("noise"));
        p.Range("clipFraction", ClipFraction, 0, 1);
        p.Range("jpegFraction", JpegFraction, 0, 1);
        p.Range("cleanJpegFraction", CleanJpegFraction, 0, 1);
        p.Range("cleanJpegSigmaMax", CleanJpegSigmaMax, 0, Noise.SigmaMax);
        p.OneOf("srInput", SrInput, "bicubic", "real");
    }
}
