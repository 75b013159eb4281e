namespace AePaint.Imaging.Resize;

/// <summary>
/// One axis of a separable resampling: for output pixel <c>o</c> (0-based), the value is
/// Σ<sub>t</sub> <c>Weights[o·TapCount + t]</c> · input[<c>Indices[o·TapCount + t]</c>].
/// Indices are 0-based and already mirrored into [0, <see cref="InSize"/>); each output's weights sum to 1.
/// Every output has the same number of taps, so any sub-range of outputs can be computed on its own
/// (tiles, training crops) with exactly the same result as the whole axis.
/// </summary>
public sealed record ResizeWeights(int InSize, int OutSize, int TapCount, int[] Indices, double[] Weights)
{
    /// <summary>The input positions read by output pixel <paramref name="o"/>.</summary>
    public ReadOnlySpan<int> IndicesOf(int o) => Indices.AsSpan(o * TapCount, TapCount);

    /// <summary>The weights of output pixel <paramref name="o"/>, in the order of <see cref="IndicesOf"/>.</summary>
    public ReadOnlySpan<double> WeightsOf(int o) => Weights.AsSpan(o * TapCount, TapCount);
}
