using AePaint.Imaging;
using AePaint.Imaging.Noise;

namespace AePaint.Imaging.Tests;

/// <summary>Block noise and the camera-noise estimate on images whose noise is known.</summary>
public sealed class PhotoNoiseEstimatorTests
{
    // A smooth colour ramp: locally linear, so the Laplacian residual is noise only.
    private static PlanarImage Ramp(int w = 384, int h = 256)
    {
        var p = new PlanarImage(3, w, h);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                p[0, x, y] = 0.2f + (0.6f * x / w);
                p[1, x, y] = 0.3f + (0.4f * y / h);
                p[2, x, y] = 0.5f;
            }
        }

        return p;
    }

    // The same luma-like noise in R, G, B (a camera's noise after in-camera chroma smoothing), optionally blurred by a
    // 3×3 box to make it correlated over a few pixels as demosaicing and JPEG do.
    private static PlanarImage WithLumaNoise(PlanarImage clean, double sigma255, bool correlated, Func<float, float>? gain = null)
    {
        int w = clean.Width, h = clean.Height;
        var n = new float[w * h];
        new GaussianNoise(5).Add(n, sigma255 / 255);
        if (correlated)
        {
            var b = new float[n.Length];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    float s = 0;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            s += n[(MirrorIndex.Reflect(y + dy, h) * w) + MirrorIndex.Reflect(x + dx, w)];
                        }
                    }

                    b[(y * w) + x] = s / 3; // box mean × 3 keeps the per-pixel σ
                }
            }

            n = b;
        }

        var noisy = clean.Clone();
        for (int c = 0; c < 3; c++)
        {
            var p = noisy.Plane(c);
            for (int i = 0; i < n.Length; i++)
            {
                p[i] += n[i] * (gain?.Invoke(clean.Data[i]) ?? 1f);
            }
        }

        return noisy;
    }

    [Fact]
    public void BlockNoiseReadsWhiteNoiseOnARampAsItsSigma()
    {
        var noisy = GaussianNoise.AddAwgn(Ramp(), 6, seed: 2, clip: false);
        var blocks = BlockNoise.Measure(noisy.Plane(0), noisy.Width, noisy.Height);
        Assert.InRange(BlockNoise.Quantile(blocks, 0.5), 6 * 0.95, 6 * 1.05);
        Assert.InRange(BlockNoise.Quantile(BlockNoise.Measure(Ramp().Plane(0), 384, 256), 0.5), 0, 0.05);
    }

    [Fact]
    public void CorrelatedNoiseReadsLowAtFullResolutionAndIsRaisedByTheCorrelatedGain()
    {
        var white = PhotoNoiseEstimator.Estimate(WithLumaNoise(Ramp(), 8, correlated: false));
        var smooth = PhotoNoiseEstimator.Estimate(WithLumaNoise(Ramp(), 8, correlated: true));
        Assert.InRange(white.Whiteness, 1.7, 2.3);
        Assert.InRange(smooth.Whiteness, 0.2, PhotoNoiseEstimator.CorrelatedRatio);
        Assert.True(smooth.LumaFine < white.LumaFine / 2, $"{smooth.LumaFine} vs {white.LumaFine}");
        Assert.Equal(smooth.LumaCoarse * PhotoNoiseEstimator.CorrelatedGain, smooth.EquivalentSigma, 6);
        Assert.Equal(white.LumaCoarse * PhotoNoiseEstimator.WhiteGain, white.EquivalentSigma, 6);
        Assert.InRange(smooth.ChromaSigma, 0, 0.5); // the noise is the same in R, G, B: no chroma
    }

    [Fact]
    public void TheLevelFunctionRisesWithTheSignalWhenTheNoiseDoes()
    {
        var noisy = WithLumaNoise(Ramp(768, 512), 10, correlated: false, gain: v => v);
        var nlf = PhotoNoiseEstimator.Estimate(noisy).LevelFunction;
        Assert.True(nlf.Count >= 3, $"{nlf.Count} bins");
        for (int i = 1; i < nlf.Count; i++)
        {
            Assert.True(nlf[i].Sigma > nlf[i - 1].Sigma, string.Join(", ", nlf));
        }
    }

    [Fact]
    public void ChromaNoiseIsMeasuredApartFromLuma()
    {
        var noisy = GaussianNoise.AddAwgn(Ramp(), 10, seed: 4, clip: false);
        Assert.InRange(PhotoNoiseEstimator.Estimate(noisy).ChromaSigma, 10 * 0.8, 10 * 1.2);
    }

    [Theory]
    [InlineData(0.5, PhotoNoiseEstimator.CorrelatedGain)]
    [InlineData(PhotoNoiseEstimator.CorrelatedRatio, PhotoNoiseEstimator.CorrelatedGain)]
    [InlineData(PhotoNoiseEstimator.WhiteRatio, PhotoNoiseEstimator.WhiteGain)]
    [InlineData(2.0, PhotoNoiseEstimator.WhiteGain)]
    public void TheGainGoesFromCorrelatedToWhite(double whiteness, double expected)
    {
        Assert.Equal(expected, PhotoNoiseEstimator.Gain(whiteness), 6);
        double mid = PhotoNoiseEstimator.Gain((PhotoNoiseEstimator.CorrelatedRatio + PhotoNoiseEstimator.WhiteRatio) / 2);
        Assert.InRange(mid, PhotoNoiseEstimator.WhiteGain, PhotoNoiseEstimator.CorrelatedGain);
    }
}
