using System.Globalization;

namespace AePaint.Trainer.Training.Recipe;

/// <summary>`data`: the photos, how they are split and cut into patches.</summary>
internal sealed record DataSection
{
    /// <summary>Each extra scale costs a resize per photo at start-up and its share of the cache.</summary>
    public const int MaxExtraDownscales = 4;

    /// <summary>Photo folders, searched recursively (JPEG, PNG, WebP).</summary>
    public List<string> Folders { get; init; } = [];

    /// <summary>Files, folders or file names kept out of training and validation (e.g. evaluation images).</summary>
    public List<string> Exclude { get; init; } = [];

    /// <summary>Share of the photos held out for validation, by file.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Side of each held-out photo's centre crop.</summary>
    public int ValidationCrop { get; init; } = 128;

    /// <summary>Photos are reduced by this factor before patches are cut (hides JPEG and sensor noise in "clean" photos).</summary>
    public double PreDownscale { get; init; } = 2;

    /// <summary>
    /// Training photos also reduced by these factors of the original (each above preDownscale), for more varied
    /// pixels from the same photos; each scale's pixels are drawn as often as the base's. Validation stays at preDownscale.
    /// </summary>
    public List<double> ExtraDownscales { get; init; } = [];

    /// <summary>Side of a training patch at the net's input.</summary>
    public int PatchSize { get; init; } = 64;

    public int BatchSize { get; init; } = 8;

    public void Check(RecipeProblems p)
    {
        p.Check(ValidationFraction is > 0 and < 0.5, "validationFraction", $"{ValidationFraction} is out of range; allowed: above 0, below 0.5");
        p.Multiple("validationCrop", ValidationCrop, 8, 16, 1024);
        p.Range("preDownscale", PreDownscale, 1, 8);
        foreach (var f in ExtraDownscales)
        {
            p.Check(f > PreDownscale && f <= 8, "extraDownscales", string.Create(CultureInfo.InvariantCulture, $"{f} is out of range; allowed: above preDownscale ({PreDownscale}) up to 8"));
        }

        p.Check(ExtraDownscales.Distinct().Count() == ExtraDownscales.Count && ExtraDownscales.Count <= MaxExtraDownscales, "extraDownscales",
            string.Create(CultureInfo.InvariantCulture, $"[{string.Join(", ", ExtraDownscales)}] is not allowed; allowed: at most {MaxExtraDownscales} factors, each once"));
        p.Multiple("patchSize", PatchSize, 8, 16, 512);
        p.Range("batchSize", BatchSize, 1, 256);
    }
}
