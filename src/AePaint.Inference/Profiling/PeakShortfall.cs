using System.Globalization;

namespace AePaint.Inference.Profiling;

/// <summary>
/// Why a model's arithmetic runs below the conv peak, read from one <see cref="OpProfile"/>: the rate of its
/// convolutions alone, the share of kernel time of each memory-bound op type that matters (ORT's NCHWc reorders
/// counted together, since they exist only because of the ops around them), and the rate the model's kernels would
/// reach without those ops. Every figure comes from the profile and the peak; nothing is assumed.
/// </summary>
/// <param name="ConvGflops">The model's FLOPs over the compute-bound kernels' time (<see cref="OpProfile.ArithmeticMilliseconds"/>).</param>
/// <param name="KernelGflops">The model's FLOPs over all kernel time: the profiled run's own efficiency.</param>
/// <param name="WithoutGflops">The model's FLOPs over the kernel time left when the <paramref name="Costs"/> are taken out.</param>
/// <param name="PeakGflops">The machine's conv peak.</param>
/// <param name="MinShare">Memory-bound op types below this share of kernel time are not named in <paramref name="Costs"/>.</param>
/// <param name="Costs">
/// The memory-bound op types at or above <paramref name="MinShare"/>, and the NCHWc reorders (whatever their share) as
/// one entry named <see cref="Reorders"/>; most time first.
/// </param>
/// <param name="Unblocked">Those of <paramref name="Costs"/> with no NCHWc form, when the graph runs NCHWc at all: why the reorders are there.</param>
public sealed record PeakShortfall(double ConvGflops, double KernelGflops, double WithoutGflops, double PeakGflops, double MinShare, IReadOnlyList<OpTime> Costs, IReadOnlyList<string> Unblocked)
{
    /// <summary>ReorderInput and ReorderOutput together, as one cost.</summary>
    public const string Reorders = "NCHWc reorders";

    /// <summary>
    /// Op types ORT's NCHWc transformer has a blocked form for (onnxruntime/core/optimizer/nchwc_transformer.cc):
    /// any other op between convolutions makes the graph leave the blocked layout and come back.
    /// </summary>
    private static readonly HashSet<string> BlockedForms = new(StringComparer.Ordinal)
    {
        "Conv", "FusedConv", "MaxPool", "AveragePool", "GlobalMaxPool", "GlobalAveragePool", "Add", "Sum", "Mul",
        "Concat", "Relu", "Sigmoid", "Tanh", "BatchNormalization", "Transpose", "Upsample", "Resize",
    };

    public double ConvOfPeak => ConvGflops / PeakGflops;

    public double KernelsOfPeak => KernelGflops / PeakGflops;

    public double WithoutOfPeak => WithoutGflops / PeakGflops;

    /// <summary>Sum of the <see cref="Costs"/>' shares of kernel time.</summary>
    public double CostShare => Costs.Sum(c => c.Share);

    /// <param name="profile">The profiled runs.</param>
    /// <param name="flops">The model's arithmetic over all those runs: 2 × MAC/px × window pixels × runs.</param>
    /// <param name="peakGflops">The machine's conv peak.</param>
    /// <param name="minShare">Memory-bound op types below this share of kernel time are not named.</param>
    public static PeakShortfall Of(OpProfile profile, double flops, double peakGflops, double minShare = 0.02)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peakGflops);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(profile.KernelMilliseconds, nameof(profile));
        var reorders = profile.Ops.Where(IsReorder).ToList();
        var costs = profile.Ops.Where(o => !o.Arithmetic && !IsReorder(o) && o.Share >= minShare).ToList();
        if (reorders.Count > 0)
        {
            costs.Add(new OpTime(Reorders, reorders.Sum(o => o.Nodes), reorders.Sum(o => o.Milliseconds), reorders.Sum(o => o.Share)));
        }

        costs.Sort((a, b) => b.Milliseconds.CompareTo(a.Milliseconds));
        var unblocked = profile.UsesNchwc ? costs.Where(c => c.OpType != Reorders && !BlockedForms.Contains(c.OpType)).Select(c => c.OpType).ToList() : [];
        double kernelMs = profile.KernelMilliseconds;
        double left = kernelMs - costs.Sum(c => c.Milliseconds);
        return new PeakShortfall(Gflops(flops, profile.ArithmeticMilliseconds), Gflops(flops, kernelMs), Gflops(flops, left), peakGflops, minShare, costs, unblocked);
    }

    /// <summary>
    /// One sentence: e.g. "Conv kernels at 72 % of the peak, all kernels at 58 %; DepthToSpace 14 % and NCHWc reorders
    /// 6 % of kernel time (ORT has no NCHWc kernel for DepthToSpace) — without them 69 %".
    /// </summary>
    public string Describe()
    {
        var text = $"Conv kernels at {Percent(ConvOfPeak)} of the peak, all kernels at {Percent(KernelsOfPeak)}";
        if (Costs.Count == 0)
        {
            return $"{text}; no memory-bound op takes {Percent(MinShare)} of kernel time";
        }

        var names = Costs.Select(c => $"{c.OpType} {Percent(c.Share)}").ToList();
        var list = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
        var why = Unblocked.Count > 0 ? $" (ORT has no NCHWc kernel for {string.Join(" or ", Unblocked)})" : string.Empty;
        return $"{text}; {list} of kernel time{why} — without {(Costs.Count == 1 ? "it" : "them")} {Percent(WithoutOfPeak)}";
    }

    private static bool IsReorder(OpTime op) => op.OpType is "ReorderInput" or "ReorderOutput";

    private static double Gflops(double flops, double ms) => ms > 0 ? flops / (ms / 1000) / 1e9 : 0;

    private static string Percent(double fraction) => (100 * fraction).ToString("F0", CultureInfo.InvariantCulture) + " %";
}
