namespace AePaint.Evaluation.Reports;

/// <summary>One method (input, baseline, peer or model) under one condition.</summary>
public sealed class MethodResult
{
    public const string Ok = "ok";
    public const string NotInstalled = "not installed";

    public required string Name { get; init; }

    /// <summary>input | baseline | peer | model.</summary>
    public required string Kind { get; init; }

    /// <summary><see cref="Ok"/>, <see cref="NotInstalled"/>, "skipped: …" or "failed: …".</summary>
    public string Status { get; set; } = Ok;

    /// <summary>Settings in words (and the exact command line of an external program).</summary>
    public string? Settings { get; set; }

    public List<ImageScore> Images { get; } = [];

    public double? MeanPsnr => Images.Count == 0 ? null : Images.Average(i => i.Psnr);

    public double? MeanSsim => Images.Count == 0 || Images.Any(i => i.Ssim is null) ? null : Images.Average(i => i.Ssim!.Value);

    /// <summary>Mean wall time per image in seconds (null for inputs, which take no time).</summary>
    public double? MeanSeconds => Images.Count == 0 || Images.Any(i => i.Seconds is null) ? null : Images.Average(i => i.Seconds!.Value);

    public double? TotalSeconds => MeanSeconds is null ? null : Images.Sum(i => i.Seconds!.Value);
}
