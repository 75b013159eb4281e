using System.Globalization;

namespace AePaint.Trainer.NoiseEstimation;

/// <summary>How far the estimator's σ leaves each crop from its best PSNR: per kind of degradation and overall.</summary>
internal sealed record NoiseNetScore(IReadOnlyList<(string Kind, double Gap)> Gaps, long Steps = 0)
{
    public double MeanGap => Gaps.Count == 0 ? double.NaN : Gaps.Average(g => g.Gap);

    public double WithinShare => Gaps.Count == 0 ? double.NaN : Gaps.Count(g => g.Gap <= 0.3) / (double)Gaps.Count;

    public IEnumerable<string> Lines() =>
        Gaps.GroupBy(g => g.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Line(g.Key, g.ToList()))
            .Append(Line("all", Gaps));

    private static string Line(string kind, IReadOnlyCollection<(string Kind, double Gap)> gaps) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}: {gaps.Count} crops, mean gap {gaps.Average(g => g.Gap):F3} dB, within 0.3 dB {gaps.Count(g => g.Gap <= 0.3)}, worst {gaps.Max(g => g.Gap):F2} dB");
}
