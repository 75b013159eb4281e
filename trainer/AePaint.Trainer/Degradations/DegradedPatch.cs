using AePaint.Imaging;

namespace AePaint.Trainer.Degradations;

/// <summary>A degraded patch and the steps that ran on it, in order.</summary>
public sealed record DegradedPatch(PlanarImage Image, IReadOnlyList<StepReport> Steps)
{
    /// <summary>
    /// Root-sum-square of the noise steps' σ (0..255 units): the level for a denoiser's noise map. Each σ is as
    /// measured when that noise was added; later steps (JPEG, blur, resize) change the noise but not this number.
    /// </summary>
    public double NoiseSigma255 => Math.Sqrt(Steps.Sum(s => s.Sigma255 * s.Sigma255));
}
