using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// Which layer wrote which Conv node, in graph order, while a trace is open on this thread: lets the ONNX weight
/// import pair a shipped graph's Conv nodes with a fresh net's layers by walking the very same export code.
/// </summary>
internal static class ExportTrace
{
    [ThreadStatic]
    private static List<(ConvLayer Layer, string Output)>? current;

    public static List<(ConvLayer Layer, string Output)> Capture(Action export)
    {
        var trace = new List<(ConvLayer, string)>();
        current = trace;
        try
        {
            export();
        }
        finally
        {
            current = null;
        }

        return trace;
    }

    public static void Record(ConvLayer layer, string output) => current?.Add((layer, output));
}
