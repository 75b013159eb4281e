using System.Globalization;
using AePaint.ImageFiles;
using AePaint.Imaging.Noise;
using AePaint.Imaging.Resize;
using AePaint.TestSupport;
using Xunit.Abstractions;

namespace AePaint.Imaging.Tests;

/// <summary>The flat-region Poisson–Gaussian fit recovers known sensor noise added to real (training) photos.</summary>
public sealed class PoissonGaussianFitTests(ITestOutputHelper output)
{
    private static readonly Lazy<PlanarImage[]> Photos = new(() => new[] { "beach", "street", "mountain", "cathedral_indoor" }
        .Select(scene => Directory.GetFiles(Path.Combine(TestPaths.SharedData, "train", "sun_hays80"), scene + "_sun_*.jpg").Single())
        .Select(f => MatlabBicubic.ResizeByScale(PixelConversion.ToPlanar(ImageFile.Load(f)), 0.5)) // ÷2 hides the photos' own noise
        .ToArray());

    [SkippableTheory]
    [InlineData(0.004, 4e-4)]
    [InlineData(0.02, 1e-5)]
    [InlineData(0.001, 1e-4)]
    public void RecoversShotAndReadNoiseAddedInLinearLight(double a, double b)
    {
        var blocks = new List<NoiseBlock>();
        int seed = 0;
        foreach (var clean in Photos.Value)
        {
            var noisy = clean.Clone();
            var gauss = new GaussianNoise(seed++);
            var d = noisy.Data;
            for (int i = 0; i < d.Length; i++)
            {
                double x = Srgb.ToLinear(d[i]);
                d[i] = Srgb.FromLinear((float)(x + (Math.Sqrt((a * x) + b) * gauss.Next())));
            }

            blocks.AddRange(PoissonGaussianFit.Blocks(noisy));
        }

        var fit = PoissonGaussianFit.Fit(blocks);
        var truth = new PoissonGaussianModel(a, b);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"true {truth}; fitted {fit}; bins {PoissonGaussianFit.BinEstimates(blocks).Count}"));
        Assert.NotNull(fit);
        Assert.InRange(fit.MidGreySigma255() / truth.MidGreySigma255(), 0.9, 1.1);
        foreach (double x in new[] { 0.02, 0.2, 0.6 })
        {
            Assert.InRange(Math.Sqrt(fit.Variance(x) / truth.Variance(x)), 0.85, 1.15);
        }
    }

    [SkippableFact]
    public void CleanPhotosReadAsNearlyNoiseless()
    {
        var blocks = Photos.Value.SelectMany(PoissonGaussianFit.Blocks).ToList();
        var fit = PoissonGaussianFit.Fit(blocks);
        output.WriteLine($"clean: {fit}");
        Assert.NotNull(fit);
        Assert.True(fit.MidGreySigma255() < 1.5, $"clean photos fitted as {fit}");
    }

    [Fact]
    public void TooFewBlocksGiveNoModel()
    {
        Assert.Null(PoissonGaussianFit.Fit(PoissonGaussianFit.Blocks(new PlanarImage(3, 16, 16))));
    }
}
