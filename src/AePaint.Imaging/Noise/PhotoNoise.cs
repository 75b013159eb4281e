namespace AePaint.Imaging.Noise;

/// <summary>
/// What <see cref="PhotoNoiseEstimator"/> read off a photo. All σ in 0..255 units.
/// </summary>
/// <param name="LumaFine">Luma noise at full resolution (low quantile of the block σ).</param>
/// <param name="LumaCoarse">Luma noise on the 2×-reduced copy, where correlated noise is nearly white again.</param>
/// <param name="ChromaSigma">Chroma noise as the per-channel σ of white noise with the same 2×-scale Cb, Cr.</param>
/// <param name="EquivalentSigma">The white-noise σ a denoiser trained on white noise should be told (luma).</param>
/// <param name="LevelFunction">Luma σ per intensity bin (bins with too few blocks left out), dark to bright.</param>
public sealed record PhotoNoise(double LumaFine, double LumaCoarse, double ChromaSigma, double EquivalentSigma, IReadOnlyList<NoiseLevelPoint> LevelFunction)
{
    /// <summary>Fine/coarse ratio: ≈ 2 for white noise, ≈ 0.5 for camera-JPEG noise smoothed over a few pixels.</summary>
    public double Whiteness => LumaFine / Math.Max(LumaCoarse, 1e-3);
}
