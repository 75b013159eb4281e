using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Inference;

/// <summary>The "auto" noise level: σ (0..255 units) estimated from the image the runner is given.</summary>
/// <remarks>
/// The colour patch-PCA estimate is exact for noise independent per channel (synthetic AWGN), but a camera JPEG's
/// chroma is smoothed (4:2:0, demosaicing, in-camera noise reduction), so its noise sits in luma and the colour
/// estimate reads ~0.5–5 on photos whose noise is plainly 8–17 (SIDD, RNI15). The luma plane's estimate catches
/// that noise; for per-channel white noise it reads only ~0.67 σ, so taking the larger of the two leaves AWGN alone.
/// </remarks>
public static class NoiseLevel
{
    /// <summary>Side of the central crop the estimate reads: enough patches, bounded memory on 100 MP photos.</summary>
    public const int MaxCrop = 1536;

    public static float Estimate(Bgra8Image image)
    {
        int w = Math.Min(image.Width, MaxCrop), h = Math.Min(image.Height, MaxCrop);
        var crop = new PlanarImage(3, w, h);
        PixelConversion.ReadWindow(image, (image.Width - w) / 2, (image.Height - h) / 2, crop);
        double colour = NoiseEstimator.Estimate(crop).Sigma;
        if (image.IsGray())
        {
            return (float)colour;
        }

        var luma = new PlanarImage(1, w, h);
        Span<float> r = crop.Plane(0), g = crop.Plane(1), b = crop.Plane(2), y = luma.Data;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (0.299f * r[i]) + (0.587f * g[i]) + (0.114f * b[i]);
        }

        double lumaSigma = NoiseEstimator.Estimate(luma).Sigma;
        return (float)Math.Max(colour, LumaWeight(colour, lumaSigma) * lumaSigma);
    }

    /// <summary>
    /// How much of the luma σ the model is told. Per-channel white noise has luma/colour ≈ 0.67: weight 1, so the
    /// colour estimate stands. Luma-dominated camera noise (ratio ≥ 2) is also spatially correlated, and a net
    /// trained on white noise needs a higher σ to remove it: weight <see cref="CorrelatedNoiseFactor"/>. Between,
    /// a linear ramp, so no small change of the image flips the setting.
    /// </summary>
    public static double LumaWeight(double colourSigma, double lumaSigma)
    {
        double ratio = lumaSigma / Math.Max(colourSigma, 0.25);
        double w = Math.Clamp(ratio - 1, 0, 1);
        return 1 + ((CorrelatedNoiseFactor - 1) * w);
    }

    /// <summary>Luma σ → model σ for luma-dominated (camera) noise; chosen on SIDD_samples (models/README.md).</summary>
    /// <remarks>SIDD_samples, mean PSNR of denoise-general (stage 1) by factor: 1 → 25.38, 2 → 28.84, 3 → 32.82,
    /// 4 → 33.49 dB; but RNI15's Dog (luma σ 16.6) is flattened at 3 (σ 50) and looks right near 2 (σ 33). SIDD
    /// phones' processed noise is coarser than most photos', and the choice was made on evaluation images, so 2.</remarks>
    public const double CorrelatedNoiseFactor = 2.0;
}
