namespace AePaint.Inference.Cards;

/// <summary>One measured score, e.g. CBSD68 σ25 PSNR 30.9 dB.</summary>
public sealed record MetricEntry(string Dataset, string Metric, double Value, string? Condition = null);
