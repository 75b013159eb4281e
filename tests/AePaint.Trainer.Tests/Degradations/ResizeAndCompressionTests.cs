using System.Globalization;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Imaging.Resize;
using AePaint.TestSupport;
using AePaint.Trainer.Degradations;
using SkiaSharp;
using Xunit.Abstractions;
using static AePaint.Trainer.Tests.Degradations.RealPatches;

namespace AePaint.Trainer.Tests.Degradations;

/// <summary>JPEG recompression, the MATLAB bicubic LR and blur kernels on real photos.</summary>
public sealed class ResizeAndCompressionTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void JpegAtQuality10LosesMoreThanAt90AndShowsThe8x8Grid()
    {
        var clean = Load(Names[0]);
        var q10 = new JpegCompression(10, 10).Apply(clean.Clone(), new Random(1));
        var q90 = new JpegCompression(90, 90).Apply(clean.Clone(), new Random(1));
        double psnr10 = ImageMetrics.Psnr(clean, q10.Image), psnr90 = ImageMetrics.Psnr(clean, q90.Image);
        double b0 = Blockiness(clean), b10 = Blockiness(q10.Image), b90 = Blockiness(q90.Image);
        output.WriteLine(Inv($"PSNR q10 {psnr10:F2} dB, q90 {psnr90:F2} dB; blockiness (grid/off-grid step) clean {b0:F3}, q90 {b90:F3}, q10 {b10:F3}"));

        Assert.Equal(10, q10.Report.Quality);
        Assert.Equal(clean.Width, q10.Image.Width);
        Assert.True(psnr90 > psnr10 + 6, $"q90 {psnr90} dB vs q10 {psnr10} dB");
        Assert.InRange(b0, 0.9, 1.1);
        Assert.True(b10 > 1.4, $"q10 blockiness {b10}");
        Assert.True(b10 > b90 + 0.3, $"q10 {b10} vs q90 {b90}");
        Assert.All(q10.Image.Data, v => Assert.Equal(v * 255f, MathF.Round(v * 255f), 3)); // 8-bit values, like a decoded photo
    }

    [SkippableFact]
    public void JpegQualityIsDrawnFromTheRangeAndIsDeterministic()
    {
        var clean = Load(Names[1]);
        var step = new JpegCompression(30, 95, SKJpegEncoderDownsample.Downsample444);
        var qualities = Enumerable.Range(0, 40).Select(s => new Random(s).Next(30, 96)).ToHashSet();
        var a = step.Apply(clean.Clone(), new Random(7));
        var b = step.Apply(clean.Clone(), new Random(7));
        Assert.InRange(a.Report.Quality!.Value, 30, 95);
        Assert.Equal(a.Report.Quality, b.Report.Quality);
        Assert.Equal(a.Image.Data, b.Image.Data);
        Assert.True(qualities.Count > 20);
    }

    [SkippableTheory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void BicubicDownscaleEqualsMatlabUint8ResizeExactly(int scale)
    {
        var clean = Load(Names[2]);
        var step = new BicubicDownscale(scale);
        var lr = step.Apply(clean.Clone(), new Random(0)).Image;

        var codes = new PlanarImage(3, clean.Width, clean.Height, clean.Data.Select(v => MathF.Round(v * 255)).ToArray());
        var expected = MatlabBicubic.ResizeUint8LikeByScale(codes, 1.0 / scale);
        output.WriteLine($"×1/{scale}: {clean.Width}×{clean.Height} → {lr.Width}×{lr.Height}");
        Assert.Equal((expected.Width, expected.Height), (lr.Width, lr.Height));
        Assert.Equal(step.OutputSize(clean.Width), lr.Width);
        Assert.Equal(expected.Data, lr.Data.Select(v => MathF.Round(v * 255)).ToArray());
        Assert.Equal(lr.Data, expected.Data.Select(v => v * (1f / 255f)).ToArray()); // and the same floats PixelConversion would give

        var floatLr = new BicubicDownscale(scale, quantize: false).Apply(clean.Clone(), new Random(0)).Image;
        Assert.Equal(MatlabBicubic.ResizeByScale(clean, 1.0 / scale).Data, floatLr.Data);
    }

    [Fact]
    public void BlurKernelsSumToOneAndPointTheRightWay()
    {
        foreach (var (sx, sy, theta) in new[] { (0.3, 0.3, 0.0), (1.0, 1.0, 0.0), (3.0, 3.0, 0.0), (3.0, 0.8, 0.0), (2.5, 0.5, Math.PI / 2), (2.0, 1.0, 0.7) })
        {
            int size = BlurKernels.SizeFor(Math.Max(sx, sy));
            var k = BlurKernels.Anisotropic(sx, sy, theta, size);
            Assert.Equal(1.0, k.Sum(v => (double)v), 5);
            Assert.Equal(size * size, k.Length);
            Assert.True(size % 2 == 1 && size <= 21);
        }

        Assert.Equal(1.0, BlurKernels.Gaussian1D(1.3, 9).Sum(), 12);
        Assert.Equal(1.0, BlurKernels.Isotropic(1.3, 9).Sum(v => (double)v), 5);

        // σx along +x at θ = 0, along +y at θ = 90°: second moments show which axis is long.
        var (mx0, my0) = Moments(BlurKernels.Anisotropic(3, 1, 0, 19), 19);
        var (mx90, my90) = Moments(BlurKernels.Anisotropic(3, 1, Math.PI / 2, 19), 19);
        output.WriteLine(Inv($"second moments θ=0: x {mx0:F2} y {my0:F2}; θ=90°: x {mx90:F2} y {my90:F2}"));
        Assert.InRange(mx0, 8.5, 9.1);
        Assert.InRange(my0, 0.95, 1.05);
        Assert.Equal(mx0, my90, 4);
        Assert.Equal(21, BlurKernels.SizeFor(10, 21));
        Assert.Equal(3, BlurKernels.SizeFor(0.1));
    }

    [SkippableFact]
    public void GaussianBlurKeepsFlatAreasAndSoftensAPhoto()
    {
        var flat = new PlanarImage(3, 40, 30);
        Array.Fill(flat.Data, 0.37f);
        var step = new GaussianBlur(0.5, 3, anisotropicProbability: 0.5);
        var blurred = step.Apply(flat, new Random(2)).Image;
        Assert.All(blurred.Data, v => Assert.Equal(0.37f, v, 5));

        var photo = TestImages.Crop(Load(Names[3]), 100, 100, 128, 128);
        var details = new HashSet<string>();
        for (int seed = 0; seed < 8; seed++)
        {
            var r = step.Apply(photo.Clone(), new Random(seed));
            details.Add(r.Report.Detail.Split(' ')[0]);
            Assert.True(ImageMetrics.Psnr(photo, r.Image) < 60);
        }

        Assert.Equal(["aniso", "iso"], details.Order());
    }

    [SkippableFact]
    public void ConvolveMatchesADirectSumIncludingBorders()
    {
        var img = TestImages.Crop(Load(Names[0]), 200, 100, 23, 17);
        var k = BlurKernels.Anisotropic(2.0, 0.7, 0.6, 11);
        var fast = BlurKernels.Convolve(img, k, 11);
        for (int c = 0; c < 3; c++)
        {
            foreach (var (x, y) in new[] { (0, 0), (22, 16), (5, 9), (11, 0), (0, 8), (22, 3) })
            {
                double sum = 0;
                for (int j = -5; j <= 5; j++)
                {
                    for (int i = -5; i <= 5; i++)
                    {
                        sum += k[((j + 5) * 11) + i + 5] * img[c, MirrorIndex.Reflect(x + i, 23), MirrorIndex.Reflect(y + j, 17)];
                    }
                }

                Assert.Equal(sum, fast[c, x, y], 5);
            }
        }
    }

    /// <summary>Mean step across 8×8 block edges over the mean step elsewhere, on luma, both directions.</summary>
    private static double Blockiness(PlanarImage img)
    {
        var y = Luma255(img);
        int w = img.Width, h = img.Height;
        double onGrid = 0, offGrid = 0;
        long nOn = 0, nOff = 0;
        for (int r = 0; r < h; r++)
        {
            for (int c = 0; c < w; c++)
            {
                if (c + 1 < w)
                {
                    double d = Math.Abs(y[(r * w) + c + 1] - y[(r * w) + c]);
                    if ((c + 1) % 8 == 0) { onGrid += d; nOn++; } else { offGrid += d; nOff++; }
                }

                if (r + 1 < h)
                {
                    double d = Math.Abs(y[((r + 1) * w) + c] - y[(r * w) + c]);
                    if ((r + 1) % 8 == 0) { onGrid += d; nOn++; } else { offGrid += d; nOff++; }
                }
            }
        }

        return onGrid / nOn / (offGrid / nOff);
    }

    private static (double X, double Y) Moments(float[] k, int size)
    {
        int r = size / 2;
        double mx = 0, my = 0;
        for (int j = 0; j < size; j++)
        {
            for (int i = 0; i < size; i++)
            {
                mx += k[(j * size) + i] * (i - r) * (i - r);
                my += k[(j * size) + i] * (j - r) * (j - r);
            }
        }

        return (mx, my);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
