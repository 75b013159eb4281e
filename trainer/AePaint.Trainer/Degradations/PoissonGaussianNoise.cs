using System.Globalization;
using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// Sensor-like noise in linear light: each value is decoded from sRGB, gets zero-mean Gaussian noise of variance
/// a·x + b (x = linear intensity in [0, 1]; a = shot-noise gain, b = read-noise variance; the usual heteroscedastic
/// normal approximation of Poisson–Gaussian noise), and is encoded back to sRGB. a and b are drawn log-uniformly
/// from their ranges (uniformly when a range starts at 0), independently per patch; noise is independent per
/// channel. With <c>clip</c> (default) linear values are clamped to [0, 1] like a sensor's ADC. The report's σ is
/// the equivalent sRGB σ (RMS change ×255).
/// </summary>
public sealed class PoissonGaussianNoise : IDegradation
{
    /// <param name="minShot">a range: with a = 0.01 a mid-grey linear value 0.2 gets σ ≈ 0.045 in linear light.</param>
    /// <param name="minRead">b range (a variance in linear units²: b = 1e-4 is σ = 0.01 linear).</param>
    public PoissonGaussianNoise(double minShot, double maxShot, double minRead, double maxRead, bool clip = true)
    {
        Draw.CheckRange(minShot, maxShot, "shot-noise gain a");
        Draw.CheckRange(minRead, maxRead, "read-noise variance b");
        MinShot = minShot;
        MaxShot = maxShot;
        MinRead = minRead;
        MaxRead = maxRead;
        Clip = clip;
    }

    public string Name => "poisson-gaussian";

    public double MinShot { get; }

    public double MaxShot { get; }

    public double MinRead { get; }

    public double MaxRead { get; }

    public bool Clip { get; }

    public DegradationResult Apply(PlanarImage image, Random rng)
    {
        Draw.CheckRgb(image);
        double a = Draw.LogUniform(rng, MinShot, MaxShot);
        double b = Draw.LogUniform(rng, MinRead, MaxRead);
        var before = (float[])image.Data.Clone();
        Add(image.Data, a, b, new GaussianNoise(rng), Clip);
        return new DegradationResult(image, new StepReport(Name)
        {
            Sigma255 = Draw.RmsDifference255(before, image.Data),
            Detail = string.Create(CultureInfo.InvariantCulture, $"a={a:G3} b={b:G3}{(Clip ? "" : " unclipped")}"),
        });
    }

    /// <summary>The noise model itself, for given a and b.</summary>
    public static void Add(Span<float> srgb, double a, double b, GaussianNoise noise, bool clip)
    {
        for (int i = 0; i < srgb.Length; i++)
        {
            // Srgb's formulas continue linearly below 0, so values an earlier unclipped step pushed out of range survive.
            double x = Srgb.ToLinear(srgb[i]);
            double y = x + (Math.Sqrt(Math.Max(0, (a * x) + b)) * noise.Next());
            if (clip)
            {
                y = Math.Clamp(y, 0, 1);
            }

            srgb[i] = Srgb.FromLinear((float)y);
        }
    }
}
