using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.OnnxFormat;

namespace AePaint.Cli.Commands;

/// <summary>
/// The models `aepaint bench` measures when none is named: every shipped model installed, else a
/// synthetic DnCNN-like net (8 conv layers of 32 channels, random weights) written to a temp folder — a
/// stand-in of realistic cost for measuring the engine, not a model that denoises anything.
/// </summary>
internal sealed class BenchModelFolder : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "aepaint-bench-" + Environment.ProcessId);

    /// <summary>
    /// Every shipped image model (denoisers, then upscalers by scale, by name), read from the catalog rather than a list
    /// of names so new and renamed models are measured without edits; models in the user's folder are theirs, not
    /// shipped. Else the synthetic net.
    /// </summary>
    public List<string> DefaultModels()
    {
        var user = Path.GetFullPath(ModelCatalog.UserFolder) + Path.DirectorySeparatorChar;
        var found = ModelCatalog.Default().List()
            .Where(e => e.Card is { Task: ModelTask.Denoise or ModelTask.SuperResolution } && !e.Path.StartsWith(user, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Card!.Task).ThenBy(e => e.Card!.Scale).ThenBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => e.Path)
            .ToList();
        return found.Count > 0 ? found : [Synthetic()];
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>MACs per pixel of <see cref="PeakConvModel"/>.</summary>
    public const long PeakConvMacsPerPixel = (9L * 3 * PeakWidth) + (PeakLayers * 9L * PeakWidth * PeakWidth) + (9L * PeakWidth * 3);

    private const int PeakWidth = 64, PeakLayers = 4;

    /// <summary>
    /// The conv-peak probe: four 64→64 3×3 convolutions (plus 3-channel ends), the densest work ONNX Runtime's CPU
    /// convolution does well; its GFLOP/s is the machine's practical peak against which models' efficiency is stated.
    /// </summary>
    public string PeakConvModel() => ConvStack("bench-convpeak", PeakWidth, PeakLayers + 2, PeakConvMacsPerPixel, "Random weights; measures the CPU's practical conv peak.");

    private string Synthetic()
    {
        const int width = 32, layers = 8;
        long macs = (9L * 3 * width) + ((layers - 2) * 9L * width * width) + (9L * width * 3);
        return ConvStack("bench-synthetic", width, layers, macs, "Random weights; measures the engine at a realistic cost.");
    }

    private string ConvStack(string name, int width, int layers, long macs, string description)
    {
        Directory.CreateDirectory(_dir);
        var rng = new Random(42);
        float[] Rand(int n, int fanIn) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() - 0.5) * 2 / Math.Sqrt(fanIn * 9))).ToArray();
        var b = new OnnxGraphBuilder(name);
        string x = b.Input("input", 3);
        string h = b.Relu(b.Conv(x, Rand(width * 3 * 9, 3), new float[width], width, 3, 3));
        for (int i = 0; i < layers - 2; i++)
        {
            h = b.Relu(b.Conv(h, Rand(width * width * 9, width), new float[width], width, width, 3));
        }

        var y = b.Add(x, b.Conv(h, Rand(3 * width * 9, width), new float[3], 3, width, 3));
        b.Output("output", y, 3);
        var card = new ModelCard
        {
            Name = name,
            Task = ModelTask.Denoise,
            Architecture = $"synthetic-dncnn{layers}x{width}",
            ReceptiveField = layers,
            TileOverlap = layers,
            Parameters = macs + (width * (layers - 1)) + 3,
            MacsPerPixel = macs,
            Description = description,
        };
        var path = Path.Combine(_dir, name + ".onnx");
        OnnxModelFile.WriteWithCard(b.Build(), card, path);
        return path;
    }
}
