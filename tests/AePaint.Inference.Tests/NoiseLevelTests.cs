using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.Imaging.Png;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>The auto σ: per-channel white noise reads as itself; camera-JPEG noise reads as the σ the model needs.</summary>
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

    /// <summary>Real camera JPEGs (CC15) and the σ that scores best for denoise-fast on each (peak of the fixed-σ
    /// curve, models/README.md): the colour patch-PCA estimate reads ≈ 0.5 on all three. The first and last are the two
    /// CC15 images the estimate reads lowest for (1.6–1.9× low, 0.4–1.0 dB from their best).</summary>
    [SkippableTheory]
    [InlineData("5dmark3_iso3200_1_real.png", 7.8)]
    [InlineData("d800_iso1600_2_real.png", 8.1)]
    [InlineData("d800_iso6400_1_real.png", 19.7)]
    public void CameraJpegNoiseReadsNearTheBestFixedSigma(string file, double best)
    {
        var photo = PngCodec.Decode(File.ReadAllBytes(Path.Combine(TestPaths.EvalSet("CC15"), file)));
        var reading = NoiseLevel.Read(photo);
        Assert.InRange(reading.Sigma, best / 2, best * 1.6);
        Assert.True(reading.ColourSigma < 2, $"colour estimate {reading.ColourSigma}");
        Assert.False(reading.NothingToRemove);
    }

    /// <summary>A clean photo saved as a JPEG file and read back: nothing to remove, and the reading names the quality
    /// its pixels show (one below may read alike: libjpeg's neighbouring tables can round to the same steps).</summary>
    [SkippableTheory]
    [InlineData("monarch", 85)]
    [InlineData("foreman", 95)]
    public void ACleanJpegFileReadsNothingToRemoveAndItsQuality(string name, int quality)
    {
        var photo = ImageFile.Load(Path.Combine(TestPaths.EvalSet("Set14"), name + ".png"));
        string dir = Directory.CreateTempSubdirectory("aepaint-noise-jpeg-").FullName;
        try
        {
            string path = Path.Combine(dir, name + ".jpg");
            ImageFile.Save(path, photo, quality);
            var reading = NoiseLevel.Read(ImageFile.Load(path));
            Assert.True(reading.NothingToRemove, reading.Describe());
            Assert.Equal(0, reading.Sigma);
            Assert.InRange(reading.JpegQuality ?? 0, quality - 1, quality);
            Assert.Contains($"JPEG quality {reading.JpegQuality}", reading.Describe(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A camera JPEG crop whose 8×8 grid survived (CC15 d800_iso3200_2: the D800 saved it at a libjpeg
    /// quality-89 table) reads near the σ that scores best on it (8 of the grid 0–27), and its quality; a PNG that was
    /// never a JPEG on this grid reads none.</summary>
    [SkippableFact]
    public void ANoisyCameraJpegReadsNearItsBestSigmaAndItsQuality()
    {
        var cc15 = TestPaths.EvalSet("CC15");
        var reading = NoiseLevel.Read(PngCodec.Decode(File.ReadAllBytes(Path.Combine(cc15, "d800_iso3200_2_real.png"))));
        Assert.Equal(89, reading.JpegQuality);
        Assert.InRange(reading.Sigma, 8 / 2.0, 8 * 1.6);
        Assert.Null(NoiseLevel.Read(PngCodec.Decode(File.ReadAllBytes(Path.Combine(cc15, "5dmark3_iso3200_1_real.png")))).JpegQuality);
    }

    [SkippableTheory]
    [InlineData(2)]
    [InlineData(5)]
    public void WhiteNoiseOnABusyPhotoReadsAsItsSigmaNotAsTexture(double sigma)
    {
        var photo = PngCodec.Decode(File.ReadAllBytes(Path.Combine(TestPaths.EvalSet("CBSD68"), "101085.png")));
        var noisy = PixelConversion.ToBgra8(GaussianNoise.AddAwgn(PixelConversion.ToPlanar(photo), sigma, seed: 2, clip: true));
        Assert.InRange(NoiseLevel.Read(noisy).Sigma, sigma * 0.85, sigma * 1.15);
    }

    [Theory]
    [InlineData(5, 5, 1)]
    [InlineData(0.5, 0.5, 0)]
    [InlineData(2, 12, 0)]
    [InlineData(1.5, 1.5, 0.5)]
    public void TheWhiteNoiseWeightNeedsColourNoiseAndChromaAlike(double colour, double chroma, double expected)
    {
        Assert.Equal(expected, NoiseLevel.WhiteNoiseWeight(colour, chroma), 6);
    }

    [Fact]
    public void AFlatCleanImageIsNothingToRemove()
    {
        var reading = NoiseLevel.Read(PixelConversion.ToBgra8(Scene()));
        Assert.True(reading.NothingToRemove);
        Assert.Equal(0, reading.Sigma);
        Assert.InRange(reading.Measured, 0, 0.5);
        Assert.StartsWith("≈ 0.", reading.Short());
        Assert.EndsWith("nothing to remove", reading.Short());
    }
}
