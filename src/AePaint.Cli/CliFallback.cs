using AePaint.Inference;
using AePaint.Inference.Fallback;

namespace AePaint.Cli;

/// <summary>How `aepaint` runs a model through the fallback policy: sessions from one cache, each step printed as it is taken.</summary>
internal static class CliFallback
{
    /// <summary>A run of the model at <paramref name="path"/>; a move to the CPU is a warning, smaller tiles a note.</summary>
    public static FallbackRun Start(string path, ExecutionDevice device, int? tileSize, ModelSessionCache sessions, CliConsole console) =>
        new(FallbackPolicy.Default, device, tileSize, d => sessions.Get(path, d))
        {
            Stepped = step => console.Error.WriteLine($"aepaint: {(step.ChangesDevice ? "warning" : "note")}: {step.Notice}"),
        };
}
