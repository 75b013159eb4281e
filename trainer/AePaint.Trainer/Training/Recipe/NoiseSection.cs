using AePaint.Inference.Cards;

namespace AePaint.Trainer.Training.Recipe;

/// <summary>
/// `degradation.noise`: the noise a denoiser learns to remove. Its σ range is what the exported card declares as the
/// model's valid noise levels (`noiseMap.sigmaMin/sigmaMax`), so the hosts offer exactly the trained range.
/// </summary>
internal sealed record NoiseSection
{
    /// <summary>Lowest AWGN σ (0..255 units) drawn per patch.</summary>
    public float SigmaMin { get; init; }

    /// <summary>Highest AWGN σ drawn per patch.</summary>
    public float SigmaMax { get; init; } = 55;

    /// <summary>Share of patches given camera-like noise (<see cref="RealModel"/>) instead of AWGN.</summary>
    public double RealFraction { get; init; }

    /// <summary>
    /// "poisson-gaussian": per-pixel, per-channel sensor noise. "camera": the same noise through a Bayer mosaic,
    /// bilinear demosaicing, chroma smoothing and sharpening (spatially correlated like SIDD's phone photos: neighbour
    /// correlation ≈ 0.45, ≈ 0 beyond two pixels). Either way the σ map is the patch's RMS noise.
    /// </summary>
    public string RealModel { get; init; } = "poisson-gaussian";

    /// <summary>
    /// Fit a Poisson–Gaussian noise model per EXIF ISO from the photos' flat regions and train on the low-ISO shots
    /// with that noise (see <see cref="NoiseCalibration"/>). The fit is stored in <see cref="Calibration"/>.
    /// </summary>
    public bool Calibrate { get; init; }

    /// <summary>
    /// Filled at the start of a calibrated run and written to the run's options.json: that file as a recipe repeats
    /// the fit exactly; the same command again (or --resume) refits the same photos, deterministically.
    /// </summary>
    public CalibrationInfo? Calibration { get; init; }

    /// <summary>
    /// With <see cref="Calibrate"/>: folders of clean photos to train on. The data folders then hold one camera's noisy
    /// photos (JPEGs, no clean copies), from which the camera is fitted (<see cref="FineTuneCamera"/>); the clean photos
    /// get that camera's noise and JPEG. Needs fineTune.from.
    /// </summary>
    public List<string>? CleanPhotos { get; init; }

    /// <summary>The camera fitted at the start of such a run (written to its options.json, which repeats it exactly).</summary>
    public Degradations.FittedCamera? FittedCamera { get; init; }

    /// <summary>The card's noise map: the σ range trained on (the divisor stays the one every shipped map uses).</summary>
    public NoiseMapSpec MapSpec() => new() { SigmaMin = SigmaMin, SigmaMax = SigmaMax };

    public void Check(RecipeProblems p)
    {
        p.Range("sigmaMin", SigmaMin, 0, 255);
        p.Range("sigmaMax", SigmaMax, Math.Max(0, SigmaMin), 255, " (and ≥ sigmaMin)");
        p.Range("realFraction", RealFraction, 0, 1);
        p.OneOf("realModel", RealModel, "poisson-gaussian", "camera");
        p.Check(Calibration is null || Calibration.Noise.Count > 0, "calibration", "holds no fitted ISO noise");
        p.Check(CleanPhotos is null || (Calibrate && CleanPhotos.Count > 0), "cleanPhotos", "needs calibrate (--calibrate) and at least one folder");
    }
}
