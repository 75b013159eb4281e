using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.OnnxFormat;

namespace AePaint.Cli.Commands;

/// <summary>
/// The model `aepaint bench` measures when none is named: the shipped denoise model if installed, else a
/// synthetic DnCNN-like net (8 conv layers of 32 channels, random weights) written to a temp folder — a
/// stand-in of realistic cost for measuring the engine, not a model that denoises anything.
/// </summary>
internal sealed class BenchModelFolder : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "aepaint-bench-" + Environment.ProcessId);

    public string DefaultModel()
    {
        try
        {
            return ModelCatalog.Default().Resolve(ModelCatalog.DefaultName(ModelTask.Denoise, 1));
        }
        catch (ModelLoadException)
        {
            return Synthetic();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string Synthetic()
    {
        Directory.CreateDirectory(_dir);
        const int width = 32, layers = 8;
        var rng = new Random(42);
        float[] Rand(int n, int fanIn) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() - 0.5) * 2 / Math.Sqrt(fanIn * 9))).ToArray();
        var b = new OnnxGraphBuilder("bench-dncnn");
        string x = b.Input("input", 3);
        string h = b.Relu(b.Conv(x, Rand(width * 3 * 9, 3), new float[width], width, 3, 3));
        for (int i = 0; i < layers - 2; i++)
        {
            h = b.Relu(b.Conv(h, Rand(width * width * 9, width), new float[width], width, width, 3));
        }

        var y = b.Add(x, b.Conv(h, Rand(3 * width * 9, width), new float[3], 3, width, 3));
        b.Output("output", y, 3);
        long macs = (9L * 3 * width) + ((layers - 2) * 9L * width * width) + (9L * width * 3);
        var card = new ModelCard
        {
            Name = "bench-synthetic",
            Task = ModelTask.Denoise,
            Architecture = "synthetic-dncnn8x32",
            ReceptiveField = layers,
            TileOverlap = layers,
            Parameters = macs + (width * (layers - 1)) + 3,
            MacsPerPixel = macs,
            Description = "Random weights; measures the engine at a realistic cost.",
        };
        var path = Path.Combine(_dir, "bench-synthetic.onnx");
        OnnxModelFile.WriteWithCard(b.Build(), card, path);
        return path;
    }
}
