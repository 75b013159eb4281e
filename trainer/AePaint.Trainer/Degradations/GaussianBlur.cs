using System.Globalization;
using AePaint.Imaging;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// "Real-world" SR blur before the downscale: with probability <c>anisotropicProbability</c> an anisotropic Gaussian
/// (σx, σy each uniform in [min, max], angle uniform in [0, π)), otherwise an isotropic one (σ uniform in [min, max]).
/// Kernel side covers ±3σ, capped at <c>maxKernelSize</c>.
/// </summary>
public sealed class GaussianBlur : IDegradation
{
    public GaussianBlur(double minSigma, double maxSigma, double anisotropicProbability = 0, int maxKernelSize = 21)
    {
        Draw.CheckRange(minSigma, maxSigma, "blur σ", lowest: 1e-3);
        if (!(anisotropicProbability >= 0 && anisotropicProbability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(anisotropicProbability), anisotropicProbability, "Probability must be in [0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxKernelSize, 3);
        MinSigma = minSigma;
        MaxSigma = maxSigma;
        AnisotropicProbability = anisotropicProbability;
        MaxKernelSize = maxKernelSize;
    }

    public string Name => "blur";

    public double MinSigma { get; }

    public double MaxSigma { get; }

    public double AnisotropicProbability { get; }

    public int MaxKernelSize { get; }

    public DegradationResult Apply(PlanarImage image, Random rng)
    {
        Draw.CheckRgb(image);
        bool aniso = rng.NextDouble() < AnisotropicProbability;
        double sx = Draw.Uniform(rng, MinSigma, MaxSigma);
        double sy = aniso ? Draw.Uniform(rng, MinSigma, MaxSigma) : sx;
        double theta = aniso ? rng.NextDouble() * Math.PI : 0;
        int size = BlurKernels.SizeFor(Math.Max(sx, sy), MaxKernelSize);
        var kernel = BlurKernels.Anisotropic(sx, sy, theta, size);
        var detail = aniso
            ? string.Create(CultureInfo.InvariantCulture, $"aniso σ=({sx:F2}, {sy:F2}) θ={theta * 180 / Math.PI:F0}° {size}×{size}")
            : string.Create(CultureInfo.InvariantCulture, $"iso σ={sx:F2} {size}×{size}");
        return new DegradationResult(BlurKernels.Convolve(image, kernel, size), new StepReport(Name) { Detail = detail });
    }
}
