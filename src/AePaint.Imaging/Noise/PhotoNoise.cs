namespace AePaint.Imaging.Noise;

/// <summary>
/// What <see cref="PhotoNoiseEstimator"/> read off a photo. All σ in 0..255 units.
/// </summary>
/// <param name="LumaFine">Luma noise at full resolution (low quantile of the block σ).</param>
/// <param name="LumaCoarse">Luma noise on the 2×-reduced copy, where correlated noise is nearly white again.</param>
/// <param name="LumaCoarser">Luma noise on the 4×-reduced copy.</param>
/// <param name="LumaCoarsePca">Luma noise of the 2×-reduced copy by weak-texture patch PCA (<see cref="NoiseEstimator"/>
/// on one plane), which leaves textured patches out where the block quantile cannot.</param>
/// <param name="ChromaSigma">Chroma noise as the per-channel σ of white noise with the same 2×-scale Cb.</param>
/// <param name="EquivalentSigma">The white-noise σ a denoiser trained on white noise should be told (luma); 0 when
/// the photo shows nothing to remove.</param>
/// <param name="LevelFunction">Luma σ per intensity bin (bins with too few blocks left out), dark to bright.</param>
public sealed record PhotoNoise(double LumaFine, double LumaCoarse, double LumaCoarser, double LumaCoarsePca, double ChromaSigma, double EquivalentSigma, IReadOnlyList<NoiseLevelPoint> LevelFunction)
{
    /// <summary>Fine/coarse ratio: ≈ 2 for white noise, ≈ 0.5 for camera-JPEG noise smoothed over a few pixels.</summary>
    public double Whiteness => LumaFine / Math.Max(LumaCoarse, 1e-3);

    /// <summary>
    /// Coarser/coarse ratio: ≈ 0.5 for noise that is white at the 2× scale (SIDD's phones), 0.65–0.85 for most noise
    /// correlated over a few pixels, about 1 and above where texture dominates (its detail persists across scales —
    /// weak camera noise on a busy photo too: the dev protocol spans 0.62–1.95, models/README issue 17)
    /// or the noise is blotchy (CC15's DSLR JPEGs, which also carry chroma noise).
    /// </summary>
    public double ScaleRatio => LumaCoarser / Math.Max(LumaCoarse, 1e-3);

    /// <summary>Chroma noise per unit of <see cref="LumaCoarse"/>: 0–0.45 on clean photos, 0.3–2 on CC15's DSLR JPEGs.</summary>
    public double ChromaShare => Share(ChromaSigma, LumaCoarse);

    /// <summary>Chroma σ per half-size luma σ, as <see cref="ChromaShare"/> and the estimator's law compute it.</summary>
    public static double Share(double chroma, double coarse) => chroma / Math.Max(coarse, 1e-3);
}
