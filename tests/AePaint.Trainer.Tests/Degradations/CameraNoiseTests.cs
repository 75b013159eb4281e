using System.Globalization;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.TestSupport;
using AePaint.Trainer.Degradations;
using Xunit.Abstractions;
using static AePaint.Trainer.Tests.Degradations.RealPatches;

namespace AePaint.Trainer.Tests.Degradations;

/// <summary>The camera-pipeline noise: exact bilinear demosaicing, and noise shaped like a phone's (measured beside SIDD's).</summary>
public sealed class CameraNoiseTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    public void DemosaicKeepsEachSampleAndRebuildsAFlatColourEverywhere(int phaseX, int phaseY)
    {
        const int W = 9, H = 7;
        float[] colour = [0.2f, 0.5f, 0.8f];
        var mosaic = new float[W * H];
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                mosaic[(y * W) + x] = colour[CameraNoise.BayerChannel(x + phaseX, y + phaseY)];
            }
        }

        var rgb = CameraNoise.Demosaic(mosaic, W, H, phaseX, phaseY);
        for (int c = 0; c < 3; c++)
        {
            Assert.All(rgb.Plane(c).ToArray(), v => Assert.Equal(colour[c], v, 6));
        }

        // A single bright sample spreads to its 3×3 neighbourhood only, and stays itself where it sits.
        Array.Clear(mosaic);
        mosaic[(3 * W) + 4] = 1;
        rgb = CameraNoise.Demosaic(mosaic, W, H, phaseX, phaseY);
        int own = CameraNoise.BayerChannel(4 + phaseX, 3 + phaseY);
        Assert.Equal(1f, rgb.Plane(own)[(3 * W) + 4]);
        Assert.Equal(0f, rgb.Plane(own)[(3 * W) + 6]);
        Assert.True(rgb.Plane(own)[(3 * W) + 5] > 0 || rgb.Plane(own)[(4 * W) + 5] > 0);
    }

    [SkippableFact]
    public void NoiseIsCorrelatedOverOneOrTwoPixelsLikeAPhonesAndWhiteNoiseIsNot()
    {
        var clean = Load(Names[2]);
        var result = new CameraNoise(0.01, 0.01, 1e-4, 1e-4, maxChromaBlur: 0, minSharpen: 0.5, maxSharpen: 0.5).Apply(clean.Clone(), new Random(4));
        var d = Difference255(clean, result.Image);
        Assert.Equal(Math.Sqrt(d.Average(v => v * v)), result.Report.Sigma255, 6);
        var camera = Describe("camera (s 0.5)", clean, result.Image);

        // A phone's own noise for comparison (SIDD, read only: nothing is fitted to it here).
        var set = TestPaths.EvalSet("SIDD_samples");
        var gt = PixelConversion.ToPlanar(ImageFile.Load(Path.Combine(set, "GT_0.png")));
        var sidd = Describe("SIDD 0", gt, PixelConversion.ToPlanar(ImageFile.Load(Path.Combine(set, "NOISY_0.png"))));
        var awgn = Describe("AWGN", clean, new AwgnNoise(camera.Rms, camera.Rms, clip: true).Apply(clean.Clone(), new Random(4)).Image);

        Assert.InRange(camera.Lags[0], 0.35, 0.6); // demosaicing shares noise between neighbours …
        Assert.InRange(camera.Lags[2], -0.1, 0.1); // … over a pixel or two only
        Assert.InRange(sidd.Lags[0], 0.35, 0.6);
        Assert.InRange(awgn.Lags[0], -0.03, 0.03);
        Assert.True(Math.Abs(camera.Mean) < 0.1 * camera.Rms, "noise should be zero-mean away from clipping");

        // Chroma smoothing moves the noise's power into luma.
        var smoothed = new CameraNoise(0.01, 0.01, 1e-4, 1e-4, maxChromaBlur: 2, minSharpen: 0.5, maxSharpen: 0.5).Apply(clean.Clone(), new Random(4));
        var chroma = Describe("camera (chroma σ ≤ 2)", clean, smoothed.Image);
        Assert.True(chroma.LumaShare > camera.LumaShare + 0.1, "chroma smoothing should leave mostly luma noise");
    }

    [SkippableFact]
    public void SeedFixesTheDrawAndRangesAreChecked()
    {
        var clean = Load(Names[0]);
        var a = CameraNoise.Default.Apply(clean.Clone(), new Random(9));
        var b = CameraNoise.Default.Apply(clean.Clone(), new Random(9));
        Assert.Equal(a.Image.Data, b.Image.Data);
        Assert.Equal(a.Report.Detail, b.Report.Detail);
        Assert.All(a.Image.Data, v => Assert.InRange(v, 0f, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CameraNoise(0.1, 0.01, 0, 0));
    }

    private (double Rms, double Mean, double[] Lags, double LumaShare) Describe(string what, PlanarImage clean, PlanarImage noisy)
    {
        var d = Difference255(clean, noisy);
        double mean = d.Average(), rms = Math.Sqrt(d.Average(v => v * v));
        var dy = Luma255(noisy).Zip(Luma255(clean), (a, b) => a - b).ToArray();
        double lumaShare = dy.Average(v => v * v) / d.Average(v => v * v); // 0.447 for white noise, → 1 when only luma
        double[] lags = [.. new[] { 1, 2, 3 }.Select(k => HorizontalCorrelation(d, clean.Width, clean.Height, k, mean))];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: RMS {rms:F2}, mean {mean:F2}, correlation at lags 1/2/3 {lags[0]:F2} / {lags[1]:F2} / {lags[2]:F2}, luma power share {lumaShare:F3}"));
        return (rms, mean, lags, lumaShare);
    }

    private static double HorizontalCorrelation(double[] d, int w, int h, int lag, double mean)
    {
        double sab = 0, saa = 0;
        for (int p = 0; p < d.Length / (w * h); p++)
        {
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x + lag < w; x++)
                {
                    int i = (p * w * h) + (y * w) + x;
                    sab += (d[i] - mean) * (d[i + lag] - mean);
                    saa += (d[i] - mean) * (d[i] - mean);
                }
            }
        }

        return sab / saa;
    }
}
