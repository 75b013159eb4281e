namespace AePaint.Evaluation.Reports;

/// <summary>One σ (denoise), one scale (SR) or the real-noise pairs.</summary>
public sealed class EvalCondition
{
    public required string Name { get; init; }

    public double? Sigma { get; init; }

    public int? Scale { get; init; }

    public List<MethodResult> Methods { get; } = [];

    public MethodResult Add(MethodResult m)
    {
        Methods.Add(m);
        return m;
    }
}
