using AePaint.Inference;

namespace AePaint.Installer;

/// <summary>Does a model load as the plugin would load it (card embedded or sidecar, graph checked against the card)?</summary>
internal static class ModelCheck
{
    /// <summary>Null when the model loads on the CPU, else the reason in plain words.</summary>
    public static string? Problem(string onnxPath)
    {
        try
        {
            using var session = ModelSession.Open(onnxPath, ExecutionDevice.Cpu);
            return null;
        }
        catch (ModelLoadException e)
        {
            return e.Problem;
        }
    }

    /// <summary>Every .onnx directly in <paramref name="folder"/> with its problem (null = loads).</summary>
    public static IEnumerable<(string Path, string? Problem)> Folder(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.onnx").Order(StringComparer.Ordinal).Select(p => (p, Problem(p)))
            : [];
}
