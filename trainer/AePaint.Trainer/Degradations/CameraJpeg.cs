using AePaint.Imaging;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// A camera JPEG's noise: <see cref="CameraNoise"/> (Poisson–Gaussian on the Bayer mosaic, demosaiced, chroma-smoothed,
/// sharpened), then JPEG at quality 60–95 as the camera saves it, then 8-bit levels. The real-noise dev protocol
/// (`aepaint-train degrade --noise camera`, scored by `aepaint eval real --sigmas`) draws its images from it; the
/// training keys jpegFraction / cleanJpegFraction use its JPEG step.
/// </summary>
internal static class CameraJpeg
{
    public const int MinQuality = 60;
    public const int MaxQuality = 95;

    private static readonly JpegCompression Jpeg = new(MinQuality, MaxQuality);

    public static DegradationPipeline Pipeline { get; } = For(CameraNoise.Default, Jpeg);

    /// <summary>The same chain with other noise ranges and JPEG qualities (min = max fixes a parameter: one simulated camera).</summary>
    public static DegradationPipeline For(CameraNoise noise, JpegCompression jpeg) => new(new DegradationStage(noise), new DegradationStage(jpeg));

    /// <summary>An already noisy (or clean) patch saved as the camera would: JPEG q 60–95 (Skia rounds to 8 bits first), decoded.</summary>
    public static PlanarImage Saved(PlanarImage image, Random rng) => Jpeg.Apply(image, rng).Image;

    /// <summary>The degraded copy of <paramref name="clean"/>, rounded to 8-bit levels, and the steps drawn.</summary>
    public static DegradedPatch Apply(PlanarImage clean, Random rng) => Apply(Pipeline, clean, rng);

    /// <inheritdoc cref="Apply(PlanarImage, Random)"/>
    public static DegradedPatch Apply(DegradationPipeline pipeline, PlanarImage clean, Random rng) => RealLowResolution.Apply(pipeline, clean, rng);
}
