using AePaint.Inference.Cards;
using AePaint.Inference.Embedding;
using AePaint.OnnxFormat;

namespace AePaint.TestSupport;

/// <summary>
/// Embedders and domain-carrying models with hand-known outputs for the auto-pick tests: the mean-colour embedder's
/// embedding of an image is its mean R, G, B in [0, 1], so a "red photos" domain sits near (1, 0, 0).
/// </summary>
public static class TestEmbedders
{
    /// <summary>A real embed model: GlobalAveragePool of a fixed <paramref name="patch"/>² RGB patch → [1, 3, 1, 1].</summary>
    public static string MeanColour(string dir, string name = "embed-test", int patch = 16)
    {
        var b = new OnnxGraphBuilder(name);
        var x = b.Input("input", 3, patch, patch);
        b.Output("output", b.GlobalAveragePool(x), 3, 1, 1);
        return TestModels.Save(dir, name, b, new ModelCard { Name = name, Task = ModelTask.Embed, InputChannels = 3, OutputChannels = 3, Architecture = "test-mean-colour" });
    }

    /// <summary>A denoise model (per-channel 3×3 box blur, as <see cref="TestModels.BoxBlur"/>) named <paramref name="name"/>, optionally with a domain.</summary>
    public static string Denoiser(string dir, string name, DomainEmbedding? domain = null, TrainingInfo? training = null)
    {
        var b = new OnnxGraphBuilder(name);
        var x = b.Input("input", 3);
        b.Output("output", b.Conv(x, TestModels.BoxKernel(3), null, cout: 3, cin: 3, kernel: 3, group: 3), 3);
        return TestModels.Save(dir, name, b, TestModels.DenoiseCard(name, receptiveField: 1) with { Domain = domain, Training = training });
    }

    /// <summary>A domain made by the embedder at <paramref name="embedderPath"/>, centred on <paramref name="centroid"/>.</summary>
    public static DomainEmbedding Domain(string embedderPath, float[] centroid, double spread, string embedderName = "embed-test") => new()
    {
        Embedder = embedderName,
        EmbedderHash = ModelFingerprint.OfFile(embedderPath),
        Centroid = centroid,
        Spread = spread,
        Photos = 10,
    };
}
