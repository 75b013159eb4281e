using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Inference;

/// <summary>The "auto" noise level: σ (0..255 units) estimated from the image the runner is given.</summary>
public static class NoiseLevel
{
    /// <summary>Side of the central crop the estimate reads: enough patches, bounded memory on 100 MP photos.</summary>
    public const int MaxCrop = 1536;

    public static float Estimate(Bgra8Image image)
    {
        int w = Math.Min(image.Width, MaxCrop), h = Math.Min(image.Height, MaxCrop);
        var crop = new PlanarImage(3, w, h);
        PixelConversion.ReadWindow(image, (image.Width - w) / 2, (image.Height - h) / 2, crop);
        return (float)NoiseEstimator.Estimate(crop).Sigma;
    }
}
