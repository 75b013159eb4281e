namespace AePaint.Inference;

/// <summary>What a denoiser removed at one σ, against the structure of a reference (<see cref="MethodNoise.Structure"/>).</summary>
/// <param name="Signed">Correlation of the luma residual with the reference's high-pass (−1..1).</param>
/// <param name="Energy">Correlation of the residual's energy with the reference's high-pass energy (−1..1).</param>
/// <param name="Rms">RMS of the luma residual (0..1 units).</param>
public sealed record MethodNoiseStats(double Signed, double Energy, double Rms);
