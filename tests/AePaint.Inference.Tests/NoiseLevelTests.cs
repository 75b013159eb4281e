using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.Inference;

namespace AePaint.Inference.Tests;

/// <summary>The auto σ: per-channel white noise reads as itself; luma-only (camera JPEG) noise is caught and raised.</summary>
public sealed class NoiseLevelTests
{
    // Smooth colour ramps with a few hard edges: next to no fine texture, as the estimator expects of photos.
    private static PlanarImage Scene(int w = 400, int h = 300)
    {
        var p = new PlanarImage(3, w, h);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                bool block = ((x / 80) + (y / 60)) % 2 == 0;
                p[0, x, y] = 0.2f + (0.5f * x / w);
                p[1, x, y] = block ? 0.6f : 0.3f;
                p[2, x, y] = 0.25f + (0.5f * y / h);
            }
        }

        return p;
    }

    [Theory]
    [InlineData(5)]
    [InlineData(25)]
    public void WhiteNoiseInEveryChannelReadsAsItsSigma(double sigma)
    {
        var noisy = PixelConversion.ToBgra8(GaussianNoise.AddAwgn(Scene(), sigma, seed: 1, clip: true));
        Assert.InRange(NoiseLevel.Estimate(noisy), sigma * 0.93, sigma * 1.07);
    }

    [Fact]
    public void LumaOnlyNoiseIsFoundAndRaisedByTheCorrelatedNoiseFactor()
    {
        // The same noise in R, G and B: chroma is clean, as after a camera's 4:2:0 JPEG.
        var scene = Scene();
        var rng = new GaussianNoise(3);
        var n = new float[scene.PlaneSize];
        rng.Add(n, 10 / 255.0);
        for (int c = 0; c < 3; c++)
        {
            var plane = scene.Plane(c);
            for (int i = 0; i < n.Length; i++)
            {
                plane[i] += n[i];
            }
        }

        float sigma = NoiseLevel.Estimate(PixelConversion.ToBgra8(scene));
        Assert.InRange(sigma, 10 * NoiseLevel.CorrelatedNoiseFactor * 0.9, 10 * NoiseLevel.CorrelatedNoiseFactor * 1.1);
    }

    [Theory]
    [InlineData(25, 16.7, 1.0)]
    [InlineData(10, 10, 1.0)]
    [InlineData(10, 15, 1.5)]
    [InlineData(2, 12, NoiseLevel.CorrelatedNoiseFactor)]
    public void TheLumaWeightRampsFromOneToTheFactor(double colour, double luma, double expected)
    {
        Assert.Equal(expected, NoiseLevel.LumaWeight(colour, luma), 3);
    }
}
