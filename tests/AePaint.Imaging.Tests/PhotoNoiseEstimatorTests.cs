using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.TestSupport;

namespace AePaint.Imaging.Tests;

/// <summary>Block noise and the camera-noise estimate on images whose noise is known.</summary>
public sealed class PhotoNoiseEstimatorTests
{
    private static PlanarImage Ramp(int w = 384, int h = 256) => AePaint.TestSupport.TestImages.Ramp(w, h);

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
    public void CorrelatedNoiseReadsLowAtFullResolutionAndFallsLessWithScale()
    {
        var white = PhotoNoiseEstimator.Estimate(WithLumaNoise(Ramp(), 8, correlated: false));
        var smooth = PhotoNoiseEstimator.Estimate(WithLumaNoise(Ramp(), 8, correlated: true));
        Assert.InRange(white.Whiteness, 1.7, 2.3);
        Assert.InRange(white.ScaleRatio, 0.45, 0.55); // white noise halves from the 2× to the 4× copy
        Assert.InRange(smooth.Whiteness, 0.2, 0.8);
        Assert.True(smooth.ScaleRatio > white.ScaleRatio + 0.1, $"{smooth.ScaleRatio} vs {white.ScaleRatio}"); // low-pass noise persists
        Assert.True(smooth.LumaFine < white.LumaFine / 2, $"{smooth.LumaFine} vs {white.LumaFine}");
        Assert.Equal(PhotoNoiseEstimator.Equivalent(smooth.LumaCoarse, smooth.LumaCoarser, smooth.ChromaSigma, smooth.LumaCoarsePca), smooth.EquivalentSigma, 6);
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

    [Fact]
    public void FlatReadingsAreNothingToRemoveAndTheGainGrowsWithTheScaleRatio()
    {
        Assert.Equal(0, PhotoNoiseEstimator.Equivalent(PhotoNoiseEstimator.FlatCoarse * 0.99, 0.3, 0, 1));
        double white = PhotoNoiseEstimator.Equivalent(4, 2, 0, 4);
        double correlated = PhotoNoiseEstimator.Equivalent(4, 4 * PhotoNoiseEstimator.NoiseRatio, 0, 4);
        Assert.True(correlated > white * 1.1, $"{correlated} vs {white}");
        Assert.True(PhotoNoiseEstimator.Equivalent(8, 4, 0, 8) > white * 1.5);
    }

    [Fact]
    public void TextureThatPersistsAcrossScalesOrThatPatchPcaLeavesOutIsDampedUnlessChromaNoiseIsThere()
    {
        double noise = PhotoNoiseEstimator.Equivalent(3, 3 * PhotoNoiseEstimator.NoiseRatio, 0, 3);
        double texture = PhotoNoiseEstimator.Equivalent(3, 3 * 1.6, 0, 3);
        double blotchy = PhotoNoiseEstimator.Equivalent(3, 3 * 1.6, 3, 3);
        Assert.True(texture < noise * 0.5, $"{texture} vs {noise}");
        Assert.True(blotchy > noise, $"{blotchy} vs {noise}");
        Assert.True(PhotoNoiseEstimator.Equivalent(3, 3 * PhotoNoiseEstimator.NoiseRatio, 0, 1.5) < noise * 0.6);
    }

    /// <summary>A clean photo saved as JPEG (flat areas quantised flat) reads as nothing to remove.</summary>
    [SkippableTheory]
    [InlineData("106024.png", 75)]
    [InlineData("108082.png", 60)]
    public void ACleanJpegReadsNothingToRemove(string file, int quality)
    {
        var clean = ImageFile.Load(Path.Combine(TestPaths.EvalSet("CBSD68"), file));
        string dir = Directory.CreateTempSubdirectory("aepaint-noise-").FullName;
        try
        {
            string jpeg = Path.Combine(dir, "clean.jpg");
            ImageFile.Save(jpeg, clean, quality);
            var reading = PhotoNoiseEstimator.Estimate(PixelConversion.ToPlanar(ImageFile.Load(jpeg)));
            Assert.Equal(0, reading.EquivalentSigma);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
