namespace AePaint.Inference;

/// <summary>How one image is run through a model. Null means "from the model card / automatic".</summary>
public sealed record RunSettings
{
    /// <summary>
    /// Default window budget (windows of at most 768² pixels): `aepaint bench` picks it — the denoiser's 12 MP photo reads
    /// 1.22× its pixels at 768 against 1.33× at 512, and a 100 MP image stays within 1.5 GB (1024 windows side by side
    /// took a 12 MP photo to 1.08 GB); see README.
    /// </summary>
    public const int DefaultTileSize = 768;

    /// <summary>Model window budget in input pixels: windows of at most TileSize² pixels, each side at most 2 × TileSize
    /// (see <see cref="Imaging.Tiling.TilePlanner.Plan"/>); models with a fixed input size keep it per axis.</summary>
    public int? TileSize { get; init; }

    /// <summary>
    /// Context kept around each tile; default the card's. Less than the model's receptive field lets tiles differ
    /// from one whole-image run (`aepaint bench --overlaps` measures by how much).
    /// </summary>
    public int? Overlap { get; init; }

    /// <summary>Cross-fade band at tile seams; default half the overlap.</summary>
    public int? Feather { get; init; }

    /// <summary>
    /// Model windows run at once (each in its own single-threaded session on the CPU); null = <see cref="CpuTuning.TilesSideBySide"/>'s
    /// choice, 1 = one window at a time on all cores. Any lane count gives the same output bit for bit; the all-cores
    /// session may differ from it by rounding (ONNX Runtime picks convolution kernels by thread count).
    /// </summary>
    public int? SideBySide { get; init; }

    /// <summary>Noise level σ in 0..255 units for models with a noise-map input; null = estimate from the image.</summary>
    public float? Sigma { get; init; }

    /// <summary>Denoise only: 1 = model output, 0 = input unchanged, between = linear mix.</summary>
    public float Strength { get; init; } = 1f;

    /// <summary>Denoise only: share (0..1) of the removed luma (grain, finest texture) put back; see <see cref="DenoiseMix"/>.</summary>
    public float Detail { get; init; }

    /// <summary>Denoise only: share (0..1) of the model's colour (chroma) denoising used; 1 = all.</summary>
    public float ColorNoise { get; init; } = 1f;

    /// <summary>Strength, detail and colour noise as the one per-pixel blend.</summary>
    public DenoiseMix Mix => new(Strength, Detail, ColorNoise);

    /// <summary>Self-ensemble passes (1, 2, 4 or 8): the model also runs on flipped/turned copies and the results
    /// are averaged — slightly more accurate, that many times slower. See <see cref="SelfEnsemble"/>.</summary>
    public int Passes { get; init; } = 1;
}
