using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Inference;

/// <summary>What "auto" read off an image: the σ the model is told and the measurements behind it.</summary>
/// <param name="Sigma">σ (0..255 units) for the model's noise map.</param>
/// <param name="ColourSigma">The colour patch-PCA estimate: exact for white noise in every channel.</param>
/// <param name="Photo">The camera-noise measurements (luma at two scales, chroma, level function).</param>
public sealed record NoiseReading(float Sigma, double ColourSigma, PhotoNoise Photo);

/// <summary>The "auto" noise level: σ (0..255 units) estimated from the image the runner is given.</summary>
/// <remarks>
/// The colour patch-PCA estimate is exact for noise independent per channel (synthetic AWGN), but a camera JPEG's
/// chroma is smoothed (4:2:0, demosaicing, in-camera noise reduction) and its luma noise is correlated over a few
/// pixels, so it reads ~0.5 on photos that need σ 6–22. <see cref="PhotoNoiseEstimator"/> measures that noise as the
/// equivalent white σ; the larger of the two is used, so white noise keeps its exact reading.
/// </remarks>
public static class NoiseLevel
{
    /// <summary>Side of the central crop the estimate reads: enough blocks, bounded memory on 100 MP photos.</summary>
    public const int MaxCrop = 1536;

    public static float Estimate(Bgra8Image image) => Read(image).Sigma;

    public static NoiseReading Read(Bgra8Image image)
    {
        int w = Math.Min(image.Width, MaxCrop), h = Math.Min(image.Height, MaxCrop);
        var crop = new PlanarImage(3, w, h);
        PixelConversion.ReadWindow(image, (image.Width - w) / 2, (image.Height - h) / 2, crop);
        double colour = NoiseEstimator.Estimate(crop).Sigma;
        var photo = PhotoNoiseEstimator.Estimate(crop);
        return new NoiseReading((float)Math.Max(colour, photo.EquivalentSigma), colour, photo);
    }
}
