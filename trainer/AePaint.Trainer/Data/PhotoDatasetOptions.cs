namespace AePaint.Trainer.Data;

/// <summary>How <see cref="PhotoDataset"/> reads, splits and caches a folder of photos.</summary>
public sealed record PhotoDatasetOptions
{
    /// <summary>1.5 GB of uint8 RGB, about 500 megapixels.</summary>
    public const long DefaultMaxCacheBytes = 1_500_000_000;

    /// <summary>
    /// The largest training patch that will be asked for. Photos whose shorter side (after
    /// <see cref="Downscale"/>) is below max(<see cref="PatchSize"/>, validation crop size) are skipped with a warning.
    /// </summary>
    public int PatchSize { get; init; } = 128;

    /// <summary>Side of the centre crop taken from each validation photo; 0 means <see cref="PatchSize"/>.</summary>
    public int ValidationCropSize { get; init; }

    /// <summary>
    /// Shrink every photo by this factor (≥ 1) when it is cached, with MATLAB-exact antialiased bicubic on uint8,
    /// so JPEG artefacts and sensor noise in "clean" wallpapers average out instead of becoming targets.
    /// </summary>
    public double Downscale { get; init; } = 1;

    /// <summary>
    /// Training photos are also cached at these factors (each above <see cref="Downscale"/>, of the original photo,
    /// with the same resize, decoded once), so patches show texture at several scales. A patch picks a scale in
    /// proportion to that scale's cached pixels, then a photo uniformly, so every scale's pixels are drawn as often
    /// as the base's. Validation stays at <see cref="Downscale"/>. A photo too small at a factor lacks that scale
    /// only. Empty (the default): no extra draw, the patches of before.
    /// </summary>
    public IReadOnlyList<double> ExtraDownscales { get; init; } = [];

    /// <summary>Fraction of the usable photos held out for validation (by file). Any value above 0 holds out at least one when there are ≥ 2.</summary>
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>Seeds the train/validation split and the order in which a rotating cache visits photos.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Kept out of both sets. Each entry is an existing file (excluded by path and, for any renamed copy, by
    /// identical bytes), an existing folder (every file under it, same two rules), or else a bare file name
    /// matched case-insensitively anywhere under the dataset folder. Re-encoded copies are not detected.
    /// </summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>
    /// Upper bound on the uint8 RGB bytes held for training photos (3 bytes per pixel after downscale; validation
    /// crops are extra and small). When the training photos need more, the cache rotates: see <see cref="PhotoDataset"/>.
    /// </summary>
    public long MaxCacheBytes { get; init; } = DefaultMaxCacheBytes;

    /// <summary>Rotating cache only: patches drawn between two window moves.</summary>
    public int RotateEveryPatches { get; init; } = 8192;

    /// <summary>Rotating cache only: the share of the window replaced at each move (0 &lt; f ≤ 1).</summary>
    public double RotationFraction { get; init; } = 0.25;

    /// <summary>
    /// Rotating cache only: decode the next window's newcomers on one background thread while training goes on.
    /// A rotating window gets MaxCacheBytes/(1 + RotationFraction) and the prefetch the rest, so together they stay
    /// within the cap. Patches are identical either way; only the wait at each window move changes.
    /// </summary>
    public bool Prefetch { get; init; } = true;

    /// <summary>Photos decoded at once (foreground).</summary>
    public int MaxParallelDecodes { get; init; } = Environment.ProcessorCount;

    /// <summary>Receives the summary, warnings (skipped files) and cache moves; null to stay silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Measured on every photo when it is decoded (on the decoding thread) and handed out with its patches and crop:
    /// noisy-only training feeds the photo's estimated noise level as the σ map, as the plugin's "auto" does.
    /// </summary>
    internal Func<string, RgbPhoto, float>? PhotoSigma { get; init; }

    /// <summary>The factors training photos are cached at: <see cref="Downscale"/> first, then <see cref="ExtraDownscales"/>.</summary>
    internal IReadOnlyList<double> Scales => [Downscale, .. ExtraDownscales];

    internal int EffectiveValidationCropSize => ValidationCropSize > 0 ? ValidationCropSize : PatchSize;

    internal int MinSide => Math.Max(PatchSize, EffectiveValidationCropSize);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PatchSize, 1, nameof(PatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(ValidationCropSize, nameof(ValidationCropSize));
        if (!(Downscale >= 1) || double.IsInfinity(Downscale))
        {
            throw new ArgumentOutOfRangeException(nameof(Downscale), Downscale, "Pre-downscale factor must be ≥ 1 (1 = none).");
        }

        if (ExtraDownscales.Any(f => !(f > Downscale) || double.IsInfinity(f)) || ExtraDownscales.Distinct().Count() != ExtraDownscales.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(ExtraDownscales), string.Join(", ", ExtraDownscales), $"Extra downscale factors must be finite, above the pre-downscale ({Downscale}) and each given once.");
        }

        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "Validation fraction must be in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCacheBytes, 1, nameof(MaxCacheBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(RotateEveryPatches, 1, nameof(RotateEveryPatches));
        if (!(RotationFraction > 0 && RotationFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RotationFraction), RotationFraction, "Rotation fraction must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParallelDecodes, 1, nameof(MaxParallelDecodes));
    }
}
