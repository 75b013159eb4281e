using System.Text.Json.Serialization;
using AePaint.Imaging.Files;

namespace AePaint.Inference.Cards;

/// <summary>
/// Everything the engine, the plugin, the CLI and the trainer need to know about one model.
/// Stored as JSON inside the .onnx (metadata_props key <see cref="ModelCardJson.MetadataKey"/>) and mirrored
/// in an OpenModelDB-style sidecar (<c>name.json</c> beside <c>name.onnx</c>). Field names follow OpenModelDB
/// where it has one (name, author, license, architecture, scale, inputChannels, outputChannels, ...).
/// </summary>
public sealed record ModelCard
{
    public const int CurrentFormatVersion = 1;

    /// <summary>
    /// Largest receptive field or tile overlap a card may state: the tiler allocates windows of tile + 2 × overlap, so
    /// an unchecked 2000 costs gigabytes and 2000000000 overflows; no model we know needs more than a few hundred.
    /// </summary>
    public const int MaxContext = 512;

    /// <summary>The <see cref="WeightStorage"/> value of a file whose weights are stored as float16.</summary>
    public const string Float16Storage = "float16";

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Short id, e.g. "denoise-fast".</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Author { get; init; }

    public string? License { get; init; }

    public string? Architecture { get; init; }

    public ModelTask Task { get; init; }

    /// <summary>Output size = scale × input size; 1 for denoise.</summary>
    public int Scale { get; init; } = 1;

    /// <summary>Colour channels in (3 = RGB, 1 = gray), not counting a noise-level map.</summary>
    public int InputChannels { get; init; } = 3;

    public int OutputChannels { get; init; } = 3;

    /// <summary>"srgb" (gamma-encoded, as stored in files) or "linear".</summary>
    public string ColorSpace { get; init; } = "srgb";

    /// <summary>Range the model expects and produces for colour values; almost always [0, 1].</summary>
    public float[] ValueRange { get; init; } = [0f, 1f];

    /// <summary>Set when the graph takes a noise-level map as one extra input channel after the colours.</summary>
    public NoiseMapSpec? NoiseMap { get; init; }

    /// <summary>Input height and width must be multiples of this (e.g. 8 for a U-Net with 3 downsamplings).</summary>
    public int MultipleOf { get; init; } = 1;

    /// <summary>Radius in input pixels that influences one output pixel (effective, as measured or designed).</summary>
    public int ReceptiveField { get; init; }

    /// <summary>
    /// Context in input pixels the tiler keeps around every tile: the smallest that keeps tiled output within half an
    /// 8-bit level of a whole-image run, measured (`aepaint bench --overlaps … --record`); 0 = use the receptive field.
    /// </summary>
    public int TileOverlap { get; init; }

    /// <summary>Graph input/output names; null = the graph's first input/output.</summary>
    public string? InputName { get; init; }

    public string? OutputName { get; init; }

    public long? Parameters { get; init; }

    public double? MacsPerPixel { get; init; }

    /// <summary>
    /// "float16" when the file stores its weights as float16 (cast to float32 as the session loads, so arithmetic stays
    /// float32: the weights themselves are the float16-rounded ones); null = float32.
    /// </summary>
    public string? WeightStorage { get; init; }

    public TrainingInfo? Training { get; init; }

    public IReadOnlyList<MetricEntry> Metrics { get; init; } = [];

    public string? Date { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Where the training photos sit in an embedder's space (centroid, spread); lets "auto" pick this model.</summary>
    public DomainEmbedding? Domain { get; init; }

    [JsonIgnore]
    public int GraphInputChannels => InputChannels + (NoiseMap is null ? 0 : 1);

    /// <summary>The overlap the tiler uses: the card's measured one, else the receptive field.</summary>
    [JsonIgnore]
    public int EffectiveOverlap => TileOverlap > 0 ? TileOverlap : ReceptiveField;

    /// <summary>Self-consistency problems (not graph checks); empty when the card is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (FormatVersion < 1 || FormatVersion > CurrentFormatVersion)
        {
            p.Add($"card format version {FormatVersion} is not supported (this build reads 1..{CurrentFormatVersion})");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            p.Add("card has no name");
        }
        else if (Name.Contains('/', StringComparison.Ordinal) || Name.Contains('\\', StringComparison.Ordinal) || SafePath.Problem(Name) is not null)
        {
            p.Add($"name '{Name}' must be a plain name, not a path (it names files and folders)");
        }

        if (Scale < 1 || Scale > 4)
        {
            p.Add($"scale {Scale} is outside 1..4");
        }

        if (Task == ModelTask.Denoise && Scale != 1)
        {
            p.Add($"a denoise model must have scale 1, not {Scale}");
        }

        if (Task == ModelTask.SuperResolution && Scale < 2)
        {
            p.Add("a super-resolution model needs scale 2..4");
        }

        if (Task is ModelTask.Embed or ModelTask.Generate)
        {
            p.AddRange(LatentProblems());
        }
        else if (InputChannels is not (1 or 3) || OutputChannels is not (1 or 3))
        {
            p.Add($"channels {InputChannels}→{OutputChannels} are not supported (1 or 3)");
        }
        else if (InputChannels != OutputChannels)
        {
            p.Add($"input channels {InputChannels} differ from output channels {OutputChannels}");
        }

        if (ColorSpace is not ("srgb" or "linear"))
        {
            p.Add($"colour space '{ColorSpace}' is not 'srgb' or 'linear'");
        }

        if (ValueRange is not { Length: 2 } || !(ValueRange[1] > ValueRange[0]))
        {
            p.Add("value range must be [low, high] with high > low");
        }

        if (MultipleOf < 1 || MultipleOf > 256)
        {
            p.Add($"multipleOf {MultipleOf} is outside 1..256");
        }

        if (ReceptiveField is < 0 or > MaxContext || TileOverlap is < 0 or > MaxContext)
        {
            p.Add($"receptive field {ReceptiveField} and tile overlap {TileOverlap} must be within 0..{MaxContext} pixels");
        }

        if (ValueRange is { Length: 2 } && !(float.IsFinite(ValueRange[0]) && float.IsFinite(ValueRange[1])))
        {
            p.Add("value range must be finite");
        }

        if (NoiseMap is { } nm && !(nm.SigmaMax >= nm.SigmaMin && nm.SigmaMin >= 0 && nm.SigmaMax <= 255 && nm.Divisor is > 0 and <= 65535))
        {
            p.Add($"noise map σ range [{nm.SigmaMin}, {nm.SigmaMax}] (within 0..255) or divisor {nm.Divisor} is not valid");
        }

        if (Parameters is < 0 || MacsPerPixel is < 0 or double.NaN)
        {
            p.Add("parameters and MACs per pixel must not be negative");
        }

        if (Domain?.Problem() is { } dp)
        {
            p.Add(dp);
        }

        return p;
    }

    /// <summary>Embed: image channels in, a vector of any length out; generate: a latent vector in, image channels out.</summary>
    private IEnumerable<string> LatentProblems()
    {
        if (Scale != 1 || NoiseMap is not null)
        {
            yield return $"a {Task.ToString().ToLowerInvariant()} model has scale 1 and no noise map";
        }

        var (vector, image) = Task == ModelTask.Embed ? (OutputChannels, InputChannels) : (InputChannels, OutputChannels);
        if (image is not (1 or 3) || vector is < 1 or > 4096)
        {
            yield return $"channels {InputChannels}→{OutputChannels} do not fit a {Task.ToString().ToLowerInvariant()} model (image 1 or 3, vector 1..4096)";
        }
    }
}
