using AePaint.Imaging;
using AePaint.Imaging.Jpeg;
using AePaint.Imaging.Noise;

namespace AePaint.Inference;

/// <summary>The "auto" noise level: σ (0..255 units) estimated from the image the runner is given.</summary>
/// <remarks>
/// The colour patch-PCA estimate is exact for noise independent per channel (synthetic AWGN), but a camera JPEG's
/// chroma is smoothed (4:2:0, demosaicing, in-camera noise reduction) and its luma noise is correlated over a few
/// pixels, so it reads ~0.5 on photos that need σ 6–22. <see cref="PhotoNoiseEstimator"/> measures that noise as the
/// equivalent white σ; the larger of the two is used, so white noise keeps its exact reading. A reading below
/// <see cref="NothingBelow"/> is nothing to remove: the model is told σ 0 and the user is shown why.
/// </remarks>
public static class NoiseLevel
{
    /// <summary>Side of the central crop the estimate reads: enough blocks, bounded memory on 100 MP photos.</summary>
    public const int MaxCrop = 1536;

    /// <summary>
    /// Readings below this are "nothing to remove" and the model is told σ 0: at σ 0 it leaves a clean JPEG within
    /// ≈ 50 dB of itself, while small positive σ already smooth fine texture.
    /// </summary>
    public const double NothingBelow = 1.0;

    public static float Estimate(Bgra8Image image) => Read(image).Sigma;

    public static NoiseReading Read(Bgra8Image image) => ReadStatistical(image);

    /// <summary>
    /// The statistical reading judged by <paramref name="model"/> (<see cref="MethodNoise.Judge"/>): kept where the model
    /// finds noise, lowered to nothing to remove where what it would remove is texture. Measured by `aepaint-train noise
    /// check --judged`, not the automatic reading: it cost more low-noise camera JPEGs than it saved clean ones.
    /// </summary>
    public static NoiseReading Read(Bgra8Image image, ITileModel model)
    {
        var statistical = ReadStatistical(image);
        var (sigma, ratio) = MethodNoise.Judge(model, image, statistical.Measured);
        return double.IsNaN(ratio) ? statistical : statistical with { Sigma = Told(sigma), Measured = sigma, Statistical = statistical.Measured, RemovedRatio = ratio };
    }

    /// <summary>The σ the model is told for a reading: 0 below <see cref="NothingBelow"/>.</summary>
    public static float Told(double measured) => measured < NothingBelow ? 0f : (float)measured;

    /// <summary>
    /// The statistical reading: colour patch PCA and the camera-noise estimate of the central crop, plus the JPEG
    /// quality the pixels show (<see cref="JpegGridQuality"/>), reported but not used: scaling the reading by it did not
    /// hold up on held-out images (models/README.md, issue 17).
    /// </summary>
    public static NoiseReading ReadStatistical(Bgra8Image image)
    {
        int w = Math.Min(image.Width, MaxCrop), h = Math.Min(image.Height, MaxCrop);
        var crop = new PlanarImage(3, w, h);
        PixelConversion.ReadWindow(image, (image.Width - w) / 2, (image.Height - h) / 2, crop);
        double colour = NoiseEstimator.Estimate(crop).Sigma;
        var photo = PhotoNoiseEstimator.Estimate(crop);
        double white = WhiteNoiseWeight(colour, photo.ChromaSigma);
        double measured = Math.Max(colour, ((1 - white) * photo.EquivalentSigma) + (white * colour));
        return new NoiseReading(Told(measured), measured, colour, photo, JpegGridQuality.Read(image));
    }

    /// <summary>
    /// 1 when the noise is white in every channel (synthetic AWGN): the colour estimate is then exact, and the camera
    /// estimate would read a busy photo's texture as noise. Its signature: colour estimate above ~1.5 and chroma
    /// noise no more than ~1.5× it (AWGN: ≈ 1×; SIDD's phones: 4–6×; camera JPEGs: a colour estimate ≈ 0.5).
    /// Ramps, so no small change of the image flips the choice.
    /// </summary>
    public static double WhiteNoiseWeight(double colourSigma, double chromaSigma)
    {
        double present = Math.Clamp(colourSigma - 1, 0, 1);
        double alike = Math.Clamp(2.5 - (chromaSigma / Math.Max(colourSigma, 1e-3)), 0, 1);
        return present * alike;
    }
}
