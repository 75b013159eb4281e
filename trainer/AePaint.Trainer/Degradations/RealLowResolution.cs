using AePaint.Imaging;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// How a real small photo got small and soft (a simplified first-order Real-ESRGAN chain), for SR models meant for
/// real low-resolution inputs rather than clean bicubic reductions: optical/motion blur (isotropic or not) on the
/// full-size image, bicubic ÷s, sensor noise (AWGN and/or Poisson–Gaussian), JPEG, and finally 8-bit rounding as a
/// saved file holds it. Every draw comes from the generator passed in, so (seed, step) still fixes each batch.
/// </summary>
internal static class RealLowResolution
{
    public static DegradationPipeline For(int scale) => new(
        new DegradationStage(new GaussianBlur(0.2, 0.75 * scale, anisotropicProbability: 0.5), 0.8),
        new DegradationStage(new BicubicDownscale(scale, quantize: false)),
        new DegradationStage(new AwgnNoise(1, 12), 0.5),
        new DegradationStage(new PoissonGaussianNoise(1e-4, 1e-2, 1e-6, 1e-3), 0.3),
        new DegradationStage(new JpegCompression(40, 95), 0.7));

    /// <summary>The degraded LR image of <paramref name="hr"/>, clipped and rounded to 8-bit levels, and the steps drawn.</summary>
    public static DegradedPatch Apply(DegradationPipeline pipeline, PlanarImage hr, Random rng)
    {
        var result = pipeline.Apply(hr, rng);
        var d = result.Image.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = PixelConversion.ToByte(d[i]) / 255f;
        }

        return result;
    }
}
