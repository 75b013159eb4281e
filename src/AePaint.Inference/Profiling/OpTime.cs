namespace AePaint.Inference.Profiling;

/// <summary>Time ONNX Runtime spent in one kind of operator, summed over the profiled runs.</summary>
/// <param name="OpType">The op as the optimised graph runs it (e.g. Conv, ReorderInput, DepthToSpace, Add).</param>
/// <param name="Nodes">How many distinct nodes of that op the graph has.</param>
/// <param name="Milliseconds">Kernel time over all profiled runs.</param>
/// <param name="Share">Fraction of all kernel time.</param>
public sealed record OpTime(string OpType, int Nodes, double Milliseconds, double Share);
