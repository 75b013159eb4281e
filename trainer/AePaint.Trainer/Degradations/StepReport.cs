namespace AePaint.Trainer.Degradations;

/// <summary>
/// What one step did. <see cref="Sigma255"/> is the standard deviation of the noise the step added, in 0..255
/// units, measured when it was added (0 for steps that add no noise; for Poisson–Gaussian and chroma noise it is the
/// RMS of the change over this patch's R, G, B values, i.e. the σ of AWGN with the same MSE).
/// </summary>
public sealed record StepReport(string Step)
{
    public double Sigma255 { get; init; }

    /// <summary>JPEG quality used, if this was a JPEG step.</summary>
    public int? Quality { get; init; }

    /// <summary>Downscale factor, if this step resized.</summary>
    public int? Scale { get; init; }

    /// <summary>Parameters drawn, for logs (e.g. "a=0.0031 b=2.1e-05", "aniso σ=(2.1, 0.7) θ=35°").</summary>
    public string Detail { get; init; } = "";

    public override string ToString() => Detail.Length == 0 ? Step : $"{Step}({Detail})";
}
