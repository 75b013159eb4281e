using System.Globalization;
using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// Blotchy colour noise like a phone's after demosaicing and denoising: white Gaussian noise on Cb and Cr
/// (BT.601, full range), blurred by a Gaussian of σ_blur pixels, scaled so its standard deviation after the blur is
/// σ (0..255 units, per chroma plane), and added back. Luma is untouched by construction (ΔY = 0 up to rounding);
/// the noise is spatially correlated (neighbour correlation ≈ exp(−1/(4σ_blur²))). The report's σ is the RMS change
/// of R, G, B ×255.
/// </summary>
public sealed class ChromaNoise : IDegradation
{
    public ChromaNoise(double minSigma255, double maxSigma255, double minBlurSigma = 0.8, double maxBlurSigma = 2.0, bool clip = true)
    {
        Draw.CheckRange(minSigma255, maxSigma255, "chroma σ");
        Draw.CheckRange(minBlurSigma, maxBlurSigma, "chroma blur σ", lowest: 0.1);
        MinSigma255 = minSigma255;
        MaxSigma255 = maxSigma255;
        MinBlurSigma = minBlurSigma;
        MaxBlurSigma = maxBlurSigma;
        Clip = clip;
    }

    public string Name => "chroma";

    public double MinSigma255 { get; }

    public double MaxSigma255 { get; }

    public double MinBlurSigma { get; }

    public double MaxBlurSigma { get; }

    public bool Clip { get; }

    public DegradationResult Apply(PlanarImage image, Random rng)
    {
        Draw.CheckRgb(image);
        double sigma = Draw.Uniform(rng, MinSigma255, MaxSigma255) / 255;
        double blur = Draw.Uniform(rng, MinBlurSigma, MaxBlurSigma);
        var gauss = new GaussianNoise(rng);
        var cb = CorrelatedField(image.Width, image.Height, sigma, blur, gauss);
        var cr = CorrelatedField(image.Width, image.Height, sigma, blur, gauss);
        var before = (float[])image.Data.Clone();
        var r = image.Plane(0);
        var g = image.Plane(1);
        var b = image.Plane(2);
        for (int i = 0; i < r.Length; i++)
        {
            // Inverse of Cb = (B − Y)/1.772, Cr = (R − Y)/1.402 with Y fixed.
            r[i] += (float)(1.402 * cr[i]);
            g[i] += (float)((-0.344136 * cb[i]) - (0.714136 * cr[i]));
            b[i] += (float)(1.772 * cb[i]);
        }

        if (Clip)
        {
            Draw.Clamp01(image.Data);
        }

        return new DegradationResult(image, new StepReport(Name)
        {
            Sigma255 = Draw.RmsDifference255(before, image.Data),
            Detail = string.Create(CultureInfo.InvariantCulture, $"σCbCr={sigma * 255:F2} blur σ={blur:F2}"),
        });
    }

    /// <summary>White noise on a margin-padded grid, blurred separably (so no border effects), scaled to std σ.</summary>
    private static double[] CorrelatedField(int w, int h, double sigma, double blurSigma, GaussianNoise gauss)
    {
        int size = BlurKernels.SizeFor(blurSigma, 31), m = size / 2;
        var k = BlurKernels.Gaussian1D(blurSigma, size);
        double gain = sigma / k.Sum(v => v * v); // std of 2-D blurred unit noise is Σk² for a separable kernel
        int pw = w + (2 * m), ph = h + (2 * m);
        var white = new double[pw * ph];
        for (int i = 0; i < white.Length; i++)
        {
            white[i] = gauss.Next();
        }

        var rows = new double[pw * h]; // vertical pass: padded width, output height
        for (int y = 0; y < h; y++)
        {
            for (int t = 0; t < size; t++)
            {
                int src = (y + t) * pw, dst = y * pw;
                for (int x = 0; x < pw; x++)
                {
                    rows[dst + x] += k[t] * white[src + x];
                }
            }
        }

        var field = new double[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double acc = 0;
                for (int t = 0; t < size; t++)
                {
                    acc += k[t] * rows[(y * pw) + x + t];
                }

                field[(y * w) + x] = acc * gain;
            }
        }

        return field;
    }
}
