using AePaint.OnnxFormat;

namespace AePaint.TestSupport;

/// <summary>Copies of the repository's shipped models into a test's models folder, optionally carded under another name.</summary>
public static class ShippedModelCopy
{
    /// <summary>
    /// <paramref name="dir"/>/<paramref name="name"/>.onnx (+ sidecar): the shipped <paramref name="shipped"/> model
    /// with its card renamed through the card writer, e.g. denoise-fast standing in for a Best model.
    /// </summary>
    public static string As(string dir, string shipped, string? name = null)
    {
        var source = Path.Combine(TestPaths.RepoRoot, "models", shipped + ".onnx");
        var model = OnnxModelFile.Read(source);
        var card = OnnxModelFile.GetCard(model, source) ?? throw new InvalidOperationException($"{source} has no embedded card");
        var path = Path.Combine(dir, (name ?? shipped) + ".onnx");
        OnnxModelFile.WriteWithCard(model, card with { Name = name ?? shipped }, path);
        return path;
    }
}
