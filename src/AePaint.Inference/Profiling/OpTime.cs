namespace AePaint.Inference.Profiling;

/// <summary>Time ONNX Runtime spent in one kind of operator, summed over the profiled runs.</summary>
/// <param name="OpType">The op as the optimised graph runs it (e.g. Conv, ReorderInput, DepthToSpace, Add).</param>
/// <param name="Nodes">How many distinct nodes of that op the graph has.</param>
/// <param name="Milliseconds">Kernel time over all profiled runs.</param>
/// <param name="Share">Fraction of all kernel time.</param>
public sealed record OpTime(string OpType, int Nodes, double Milliseconds, double Share)
{
    private static readonly HashSet<string> ArithmeticOps = new(StringComparer.Ordinal)
    {
        "Conv", "FusedConv", "QLinearConv", "ConvInteger", "ConvTranspose", "Gemm", "MatMul", "MatMulInteger", "QLinearMatMul",
    };

    /// <summary>
    /// True for the ops whose work is multiply-adds (convolutions, matrix products): compute-bound, they can run
    /// near the conv peak. Everything else in our graphs (DepthToSpace, NCHWc reorders, Add, Mul, Sigmoid, Slice,
    /// Quantize/Dequantize) does one or two operations per value moved: memory-bound.
    /// </summary>
    public bool Arithmetic => ArithmeticOps.Contains(OpType);
}
