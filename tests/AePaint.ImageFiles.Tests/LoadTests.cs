using AePaint.Imaging;
using AePaint.TestSupport;
using SkiaSharp;
using static AePaint.ImageFiles.Tests.TestFiles;

namespace AePaint.ImageFiles.Tests;

public sealed class LoadTests
{
    [SkippableFact]
    public void Cbsd68PngLoadsExactlyAsSkiaDecodesIt()
    {
        var path = Cbsd68();
        var loaded = ImageFile.LoadWithMetadata(path);

        Assert.Equal(ImageFormat.Png, loaded.Format);
        Assert.Equal(8, loaded.SourceBitDepth);
        Assert.False(loaded.SourceHadAlpha);
        Assert.False(loaded.SourceWasGray);
        Assert.Equal(ExifOrientation.Normal, loaded.SourceOrientation);
        Assert.Empty(loaded.Warnings);
        Assert.True(loaded.Pixels.Width * loaded.Pixels.Height == 481 * 321);
        Assert.Equal(DecodeWithSkia(File.ReadAllBytes(path)).Data, loaded.Pixels.Data);
        Assert.Equal(loaded.Pixels.Data, ImageFile.Load(path).Data);
    }

    [Fact]
    public void GrayPngGivesEqualChannelsAndOpaqueAlpha()
    {
        using var dir = new TempDir();
        var path = dir.File("gray.png");
        File.WriteAllBytes(path, Png(3, 2, 8, 0, [0, 0, 1, 2, 0, 100, 200, 255]));

        var loaded = ImageFile.LoadWithMetadata(path);

        Assert.True(loaded.SourceWasGray);
        Assert.False(loaded.SourceHadAlpha);
        Assert.Equal(8, loaded.SourceBitDepth);
        Assert.Equal<byte>([0, 0, 0, 255, 1, 1, 1, 255, 2, 2, 2, 255, 100, 100, 100, 255, 200, 200, 200, 255, 255, 255, 255, 255], loaded.Pixels.Data);
    }

    [Fact]
    public void GrayAlphaAndOneBitGrayPngsLoad()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("ga.png"), Png(2, 1, 8, 4, [0, 100, 50, 200, 255]));
        File.WriteAllBytes(dir.File("bits.png"), Png(3, 1, 1, 0, [0, 0b1010_0000]));

        var ga = ImageFile.LoadWithMetadata(dir.File("ga.png"));
        var bits = ImageFile.LoadWithMetadata(dir.File("bits.png"));

        Assert.True(ga.SourceWasGray && ga.SourceHadAlpha);
        Assert.Equal<byte>([100, 100, 100, 50, 200, 200, 200, 255], ga.Pixels.Data);
        Assert.Equal(1, bits.SourceBitDepth);
        Assert.Equal<byte>([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255], bits.Pixels.Data);
    }

    [Fact]
    public void SixteenBitPngIsRoundedToEightBitsAndReported()
    {
        using var dir = new TempDir();
        var path = dir.File("rgb16.png");

        // R, G, B per pixel, big-endian 16-bit. Rounding v/257: 0x12F0 → 19 (Skia's own path truncates to 18).
        File.WriteAllBytes(path, Png(2, 1, 16, 2, [0, 0x12, 0xF0, 0x12, 0x80, 0xFF, 0xFF, 0x00, 0x00, 0x80, 0x7F, 0x01, 0x01]));
        var loaded = ImageFile.LoadWithMetadata(path);

        Assert.Equal(16, loaded.SourceBitDepth);
        Assert.Contains(loaded.Warnings, w => w.Contains("16-bit", StringComparison.Ordinal));
        Assert.Equal((19, 18, 255, 255), Pixel(loaded.Pixels, 0, 0));
        Assert.Equal((0, 128, 1, 255), Pixel(loaded.Pixels, 1, 0));
    }

    [Fact]
    public void SixteenBitRgbaAndGrayPngsLoadWithAlpha()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("rgba16.png"), Png(1, 1, 16, 6, [0, 0x12, 0xF0, 0x80, 0x7F, 0x01, 0x80, 0x40, 0x00]));
        File.WriteAllBytes(dir.File("g16.png"), Png(2, 1, 16, 0, [0, 0xFF, 0xFF, 0x3F, 0x00]));

        var rgba = ImageFile.LoadWithMetadata(dir.File("rgba16.png"));
        var gray = ImageFile.LoadWithMetadata(dir.File("g16.png"));

        Assert.True(rgba.SourceHadAlpha);
        Assert.Equal((19, 128, 1, 64), Pixel(rgba.Pixels, 0, 0));
        Assert.True(gray.SourceWasGray);
        Assert.Equal((255, 255, 255, 255), Pixel(gray.Pixels, 0, 0));
        Assert.Equal((63, 63, 63, 255), Pixel(gray.Pixels, 1, 0));
    }

    [Fact]
    public void TallSixteenBitPngDecodesEveryRow()
    {
        using var dir = new TempDir();
        const int height = 150;
        var raw = new byte[height * 3];
        for (var y = 0; y < height; y++)
        {
            raw[(y * 3) + 1] = (byte)y; // gray value y * 257 + 0 → exactly y in 8 bits
            raw[(y * 3) + 2] = (byte)y;
        }

        File.WriteAllBytes(dir.File("tall16.png"), Png(1, height, 16, 0, raw));
        var img = ImageFile.Load(dir.File("tall16.png"));

        for (var y = 0; y < height; y++)
        {
            Assert.Equal((y, y, y, 255), Pixel(img, 0, y));
        }
    }

    [Fact]
    public void PalettePngWithTransparencyLoads()
    {
        using var dir = new TempDir();
        var path = dir.File("palette.png");

        // 2-bit indices 0,1,2,3 in one byte; entry 1 is half transparent.
        File.WriteAllBytes(path, Png(4, 1, 2, 3, [0, 0b00_01_10_11], ("PLTE", [10, 20, 30, 40, 50, 60, 70, 80, 90, 255, 255, 255]), ("tRNS", [255, 128])));
        var loaded = ImageFile.LoadWithMetadata(path);

        Assert.True(loaded.SourceHadAlpha);
        Assert.False(loaded.SourceWasGray);
        Assert.Equal(8, loaded.SourceBitDepth);
        Assert.Equal((10, 20, 30, 255), Pixel(loaded.Pixels, 0, 0));
        Assert.Equal((40, 50, 60, 128), Pixel(loaded.Pixels, 1, 0));
        Assert.Equal((70, 80, 90, 255), Pixel(loaded.Pixels, 2, 0));
        Assert.Equal((255, 255, 255, 255), Pixel(loaded.Pixels, 3, 0));
    }

    [Fact]
    public void StraightAlphaSurvivesPngAndLosslessWebp()
    {
        using var dir = new TempDir();
        var img = new Bgra8Image(2, 1, [30, 20, 10, 0, 200, 100, 50, 77]);

        ImageFile.Save(dir.File("a.png"), img);
        ImageFile.Save(dir.File("a.webp"), img, options: new SaveOptions { WebpLossless = true, Quality = 100 });
        var png = ImageFile.LoadWithMetadata(dir.File("a.png"));
        var webp = ImageFile.LoadWithMetadata(dir.File("a.webp"));

        Assert.True(png.SourceHadAlpha && webp.SourceHadAlpha);
        Assert.Equal(img.Data, png.Pixels.Data);

        // WebP may zero the colour of fully transparent pixels; the visible pixel must be exact.
        Assert.Equal((50, 100, 200, 77), Pixel(webp.Pixels, 1, 0));
        Assert.Equal(0, Pixel(webp.Pixels, 0, 0).A);
    }

    [Theory]
    [InlineData("one.png")]
    [InlineData("one.jpg")]
    [InlineData("one.webp")]
    public void OneByOneImageRoundTrips(string name)
    {
        using var dir = new TempDir();
        ImageFile.Save(dir.File(name), Bgra8Image.Solid(1, 1, 40, 120, 200));

        var loaded = ImageFile.LoadWithMetadata(dir.File(name));

        Assert.Equal((1, 1), (loaded.Pixels.Width, loaded.Pixels.Height));
        var (r, g, b, a) = Pixel(loaded.Pixels, 0, 0);
        Assert.True(Math.Abs(r - 200) <= 6 && Math.Abs(g - 120) <= 6 && Math.Abs(b - 40) <= 6, $"got {r},{g},{b}");
        Assert.Equal(255, a);
    }

    [Fact]
    public void GrayJpegIsReportedGray()
    {
        using var dir = new TempDir();
        var gray = new SKImageInfo(8, 8, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(gray);
        bitmap.Erase(new SKColor(90, 90, 90));
        using (var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 100))
        {
            File.WriteAllBytes(dir.File("gray.jpg"), data.ToArray());
        }

        var loaded = ImageFile.LoadWithMetadata(dir.File("gray.jpg"));

        Assert.Equal(ImageFormat.Jpeg, loaded.Format);
        Assert.True(loaded.SourceWasGray);
        Assert.True(loaded.Pixels.IsGray());
        Assert.InRange(Pixel(loaded.Pixels, 4, 4).R, 88, 92);
    }

    [SkippableFact]
    public void FormatComesFromContentNotExtension()
    {
        using var dir = new TempDir();
        var path = dir.File("really-a-png.jpg");
        File.Copy(Cbsd68(), path);

        Assert.Equal(ImageFormat.Png, ImageFile.LoadWithMetadata(path).Format);
    }

    [SkippableFact]
    public void JpegAndWebpRoundTripsStayClose()
    {
        using var dir = new TempDir();
        var source = ImageFile.Load(Cbsd68(1));

        ImageFile.Save(dir.File("x.jpg"), source, options: new SaveOptions { Quality = 95 });
        ImageFile.Save(dir.File("x.webp"), source, options: new SaveOptions { Quality = 95 });
        ImageFile.Save(dir.File("x-lossless.webp"), source, options: new SaveOptions { WebpLossless = true });

        Assert.InRange(MeanAbsDiff(source, ImageFile.Load(dir.File("x.jpg"))), 0, 3);
        Assert.InRange(MeanAbsDiff(source, ImageFile.Load(dir.File("x.webp"))), 0, 4);
        Assert.Equal(source.Data, ImageFile.Load(dir.File("x-lossless.webp")).Data);
    }

    private static double MeanAbsDiff(Bgra8Image a, Bgra8Image b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        long sum = 0;
        for (var i = 0; i < a.Data.Length; i++)
        {
            sum += Math.Abs(a.Data[i] - b.Data[i]);
        }

        return (double)sum / a.Data.Length;
    }
}
