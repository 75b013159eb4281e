using AePaint.Imaging;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// A camera JPEG's noise: <see cref="CameraNoise"/> (Poisson–Gaussian on the Bayer mosaic, demosaiced, chroma-smoothed,
/// sharpened), then JPEG at quality 60–95 as the camera saves it, then 8-bit levels. The real-noise dev protocol
/// (`aepaint-train degrade --noise camera`, scored by `aepaint eval real --sigmas`) draws its images from it.
/// </summary>
internal static class CameraJpeg
{
    public const int MinQuality = 60;
    public const int MaxQuality = 95;

    public static DegradationPipeline Pipeline { get; } = new(
        new DegradationStage(CameraNoise.Default),
        new DegradationStage(new JpegCompression(MinQuality, MaxQuality)));

    /// <summary>The degraded copy of <paramref name="clean"/>, rounded to 8-bit levels, and the steps drawn.</summary>
    public static DegradedPatch Apply(PlanarImage clean, Random rng) => RealLowResolution.Apply(Pipeline, clean, rng);
}
