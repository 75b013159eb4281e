using AePaint.Imaging.Metrics;
using AePaint.Imaging.Noise;
using Xunit.Abstractions;

namespace AePaint.Imaging.Tests;

public sealed class ImageMetricsTests(ITestOutputHelper output)
{
    [Fact]
    public void PsnrOfIdenticalImagesIsInfinite()
    {
        var a = Gradient(3, 20, 16);
        Assert.Equal(double.PositiveInfinity, ImageMetrics.Psnr(a, a.Clone()));
        Assert.Equal(0, ImageMetrics.Mse(a, a.Clone()));
    }

    [Theory]
    [InlineData(0.1, 1.0, 20.0)]
    [InlineData(0.01, 1.0, 40.0)]
    [InlineData(5.0, 255.0, 34.151403521)] // 20·log10(255/5)
    public void PsnrOfAConstantOffsetMatchesTheFormula(double offset, double peak, double expected)
    {
        var a = Gradient(3, 20, 16);
        var b = a.Clone();
        for (int i = 0; i < b.Data.Length; i++)
        {
            b.Data[i] += (float)offset;
        }

        Assert.Equal(expected, ImageMetrics.Psnr(a, b, peak), 4);
    }

    [Fact]
    public void PsnrAveragesOverChannelsAndIgnoresTheBorder()
    {
        var a = Gradient(3, 20, 16);
        var b = a.Clone();
        b.Plane(1).Fill(0.5f);
        var c = a.Clone();
        for (int i = 0; i < c.PlaneSize; i++)
        {
            c.Data[c.PlaneSize + i] = a.Data[a.PlaneSize + i] + 0.1f; // only the green plane is off
        }

        Assert.Equal(0.01 / 3, ImageMetrics.Mse(a, c), 7);

        // Differences only in a 2-pixel frame vanish with border 2, not with border 1.
        var framed = a.Clone();
        for (int y = 0; y < 16; y++)
        {
            framed[0, 1, y] += 0.3f;
            framed[2, 18, y] += 0.3f;
        }

        Assert.Equal(double.PositiveInfinity, ImageMetrics.Psnr(a, framed, border: 2));
        Assert.True(ImageMetrics.Psnr(a, framed, border: 1) < 40);
        Assert.NotEqual(double.PositiveInfinity, ImageMetrics.Psnr(a, b));
    }

    [Fact]
    public void SsimOfIdenticalImagesIsOneAndOfFlatImagesFollowsTheLuminanceTerm()
    {
        var a = Gradient(3, 30, 24);
        Assert.Equal(1.0, ImageMetrics.Ssim(a, a.Clone()), 12);

        var x = new PlanarImage(1, 15, 13);
        var y = new PlanarImage(1, 15, 13);
        x.Plane(0).Fill(0.4f);
        y.Plane(0).Fill(0.6f);
        double c1 = 0.01 * 0.01;
        double expected = ((2 * 0.4 * 0.6) + c1) / ((0.16 + 0.36) + c1);
        Assert.Equal(expected, ImageMetrics.Ssim(x, y), 6);
    }

    [Fact]
    public void SsimMatchesADirectTwoDimensionalWindow()
    {
        // On an 11×11 image the 'valid' map is one value: compute it straight from the definition.
        var rng = new Random(5);
        var a = new PlanarImage(1, 11, 11);
        var b = new PlanarImage(1, 11, 11);
        for (int i = 0; i < 121; i++)
        {
            a.Data[i] = (float)rng.NextDouble() * 255;
            b.Data[i] = (float)Math.Clamp(a.Data[i] + (rng.NextDouble() * 80) - 40, 0, 255);
        }

        double gs = 0, mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
        for (int yy = 0; yy < 11; yy++)
        {
            for (int xx = 0; xx < 11; xx++)
            {
                double g = Math.Exp(-(((xx - 5) * (xx - 5)) + ((yy - 5) * (yy - 5))) / 4.5);
                double u = a[0, xx, yy], v = b[0, xx, yy];
                gs += g;
                mx += g * u;
                my += g * v;
                sxx += g * u * u;
                syy += g * v * v;
                sxy += g * u * v;
            }
        }

        mx /= gs;
        my /= gs;
        double vx = (sxx / gs) - (mx * mx), vy = (syy / gs) - (my * my), cxy = (sxy / gs) - (mx * my);
        double c1 = Math.Pow(0.01 * 255, 2), c2 = Math.Pow(0.03 * 255, 2);
        double expected = ((2 * mx * my) + c1) * ((2 * cxy) + c2) / (((mx * mx) + (my * my) + c1) * (vx + vy + c2));
        Assert.Equal(expected, ImageMetrics.Ssim(a, b, peak: 255), 9);
        Assert.Throws<ArgumentException>(() => ImageMetrics.Ssim(a, b, 255, border: 1));
    }

    [SkippableFact]
    public void SsimFallsAsNoiseGrows()
    {
        var clean = TestImages.Set("CBSD68")[0].Rgb01();
        double previous = 1.0;
        foreach (double sigma in new[] { 5.0, 15, 25, 50 })
        {
            double ssim = ImageMetrics.Ssim(clean, GaussianNoise.AddAwgn(clean, sigma, seed: 1));
            output.WriteLine($"σ {sigma}: SSIM {ssim:F4}");
            Assert.True(ssim < previous - 0.02, $"SSIM {ssim} at σ {sigma} is not clearly below {previous}");
            previous = ssim;
        }
    }

    [Fact]
    public void LumaFollowsBt601StudioRange()
    {
        var rgb = new PlanarImage(3, 4, 1);
        float[][] px = [[255, 255, 255], [0, 0, 0], [255, 0, 0], [10, 200, 30]];
        for (int i = 0; i < 4; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                rgb[c, i, 0] = px[i][c];
            }
        }

        var exact = ColorSpaces.RgbToYBt601(rgb, roundToUint8: false);
        double last = 16 + (((65.481 * 10) + (128.553 * 200) + (24.966 * 30)) / 255); // 122.33…
        Assert.Equal([235.0, 16.0, 81.481, last], exact.Data.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal([235f, 16f, 81f, 122f], ColorSpaces.RgbToYBt601(rgb).Data);
        Assert.Throws<ArgumentException>(() => ColorSpaces.RgbToYBt601(new PlanarImage(1, 2, 2)));
    }

    [Fact]
    public void GaussianNoiseIsReproducibleAndStandardNormal()
    {
        var g = new GaussianNoise(42);
        var h = new GaussianNoise(42);
        double s = 0, s2 = 0, s4 = 0;
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            double v = g.Next();
            Assert.Equal(v, h.Next());
            s += v;
            s2 += v * v;
            s4 += v * v * v * v;
        }

        Assert.InRange(s / n, -0.01, 0.01);
        Assert.InRange(s2 / n, 0.99, 1.01);
        Assert.InRange(s4 / n, 2.9, 3.1); // kurtosis of a normal
        Assert.NotEqual(new GaussianNoise(1).Next(), new GaussianNoise(2).Next());
    }

    private static PlanarImage Gradient(int channels, int w, int h)
    {
        var img = new PlanarImage(channels, w, h);
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    img[c, x, y] = (float)((x + (2 * y) + (5 * c)) / (double)(w + (2 * h) + 10));
                }
            }
        }

        return img;
    }
}
