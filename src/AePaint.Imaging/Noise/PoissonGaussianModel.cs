using System.Globalization;

namespace AePaint.Imaging.Noise;

/// <summary>Noise variance a·x + b in linear light (x = intensity in [0, 1]): the Poisson–Gaussian sensor model.</summary>
public sealed record PoissonGaussianModel(double Shot, double Read)
{
    public double Variance(double x) => Math.Max(0, (Shot * x) + Read);

    /// <summary>sRGB σ (0..255) this noise gives a mid-grey (sRGB 0.5) pixel: a readable "how noisy".</summary>
    public double MidGreySigma255()
    {
        double x = Srgb.ToLinear(0.5f), s = Math.Sqrt(Variance(x));
        return (Srgb.FromLinear((float)Math.Min(1, x + s)) - 0.5) * 255;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"a={Shot:G3} b={Read:G3} (σ {MidGreySigma255():F1} at mid-grey)");
}
