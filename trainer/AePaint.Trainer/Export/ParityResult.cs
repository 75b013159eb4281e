using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Export;

/// <summary>Parity of one probe: TorchSharp forward vs ONNX Runtime on the exported file.</summary>
internal sealed record ParityResult(int Width, int Height, string Input, double MaxAbsDiff);
