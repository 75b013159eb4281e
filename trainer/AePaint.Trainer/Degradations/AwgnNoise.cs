using System.Globalization;
using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// Additive white Gaussian noise, σ drawn uniformly from [min, max] (0..255 units), added to every R, G, B value
/// with the engine's <see cref="GaussianNoise"/> (the generator the evaluation protocol uses). Unclipped by
/// default, as in the published Gaussian-denoising protocol; clipped to [0, 1] like an 8-bit file with <c>clip</c>.
/// </summary>
public sealed class AwgnNoise : IDegradation
{
    public AwgnNoise(double minSigma255, double maxSigma255, bool clip = false)
    {
        Draw.CheckRange(minSigma255, maxSigma255, "AWGN σ");
        MinSigma255 = minSigma255;
        MaxSigma255 = maxSigma255;
        Clip = clip;
    }

    public string Name => "awgn";

    public double MinSigma255 { get; }

    public double MaxSigma255 { get; }

    public bool Clip { get; }

    public DegradationResult Apply(PlanarImage image, Random rng)
    {
        Draw.CheckRgb(image);
        double sigma = Draw.Uniform(rng, MinSigma255, MaxSigma255);
        new GaussianNoise(rng).Add(image.Data, sigma / 255.0);
        if (Clip)
        {
            Draw.Clamp01(image.Data);
        }

        return new DegradationResult(image, new StepReport(Name)
        {
            Sigma255 = sigma,
            Detail = string.Create(CultureInfo.InvariantCulture, $"σ={sigma:F2}{(Clip ? " clipped" : "")}"),
        });
    }
}
