using System.Text;
using AePaint.Imaging;
using AePaint.Imaging.Png;
using AePaint.TestSupport;
using SkiaSharp;
using static AePaint.ImageFiles.Tests.TestFiles;

namespace AePaint.ImageFiles.Tests;

public sealed class MetadataTests
{
    private static readonly byte[] P3 = DisplayP3Icc();

    [Theory]
    [InlineData("out.png")]
    [InlineData("out.jpg")]
    [InlineData("out.webp")]
    public void IccAndExifAreCopiedByteForByteAndSkiaReadsThem(string name)
    {
        using var dir = new TempDir();
        var path = dir.File(name);

        var warnings = ImageFile.Save(path, Quadrants(), new ImageMetadata(P3, Exif(3)));

        Assert.Empty(warnings);
        var bytes = File.ReadAllBytes(path);
        var loaded = ImageFile.LoadWithMetadata(path);
        Assert.Equal(P3, loaded.Metadata.IccProfile);
        Assert.Equal(Exif(1), loaded.Metadata.Exif);
        Assert.Equal(ExifOrientation.Normal, loaded.SourceOrientation);
        Assert.Empty(loaded.Warnings);

        // Skia, an independent reader, finds the profile (as P3, not sRGB) and no rotation.
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
        Assert.NotNull(codec.Info.ColorSpace);
        Assert.False(codec.Info.ColorSpace.IsSrgb);
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        Assert.Equal((32, 16), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public void JpegPutsExifRightAfterSoiThenIcc()
    {
        using var dir = new TempDir();
        ImageFile.Save(dir.File("a.jpg"), Quadrants(), new ImageMetadata(P3, Exif(1)));
        var b = File.ReadAllBytes(dir.File("a.jpg"));

        Assert.Equal<byte>([0xFF, 0xD8, 0xFF, 0xE1], b[..4]);
        Assert.Equal("Exif\0\0", Encoding.ASCII.GetString(b, 6, 6));
        var next = 4 + ((b[4] << 8) | b[5]);
        Assert.Equal<byte>([0xFF, 0xE2], b[next..(next + 2)]);
        Assert.Equal("ICC_PROFILE\0", Encoding.ASCII.GetString(b, next + 4, 12));
        Assert.DoesNotContain("JFIF", Encoding.Latin1.GetString(b), StringComparison.Ordinal);
    }

    [Fact]
    public void PngChunksComeBeforeIdatAndLibpngAcceptsTheirCrc()
    {
        using var dir = new TempDir();
        ImageFile.Save(dir.File("a.png"), Quadrants(), new ImageMetadata(P3, Exif(1)));
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(dir.File("a.png")));

        Assert.InRange(text.IndexOf("iCCP", StringComparison.Ordinal), 30, text.IndexOf("IDAT", StringComparison.Ordinal));
        Assert.InRange(text.IndexOf("eXIf", StringComparison.Ordinal), 30, text.IndexOf("IDAT", StringComparison.Ordinal));
        Assert.Equal(Quadrants().Data, DecodeWithSkia(File.ReadAllBytes(dir.File("a.png"))).Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WebpWithAlphaKeepsAlphaAfterGainingVp8xHeader(bool lossless)
    {
        using var dir = new TempDir();
        var img = Bgra8Image.Solid(8, 8, 10, 200, 30, 128);
        ImageFile.Save(dir.File("a.webp"), img, new ImageMetadata(P3, Exif(1)), new SaveOptions { WebpLossless = lossless, Quality = 90 });

        var loaded = ImageFile.LoadWithMetadata(dir.File("a.webp"));

        Assert.True(loaded.SourceHadAlpha);
        Assert.InRange(Pixel(loaded.Pixels, 4, 4).A, 120, 136);
        Assert.Equal(P3, loaded.Metadata.IccProfile);
    }

    [Fact]
    public void BigEndianExifOrientationIsReset()
    {
        var normalized = MetadataChecks.NormalizeExif(Exif(8, bigEndian: true), out var orientation, out var problem);

        Assert.Null(problem);
        Assert.Equal(ExifOrientation.Rotate270, orientation);
        Assert.Equal(Exif(1, bigEndian: true), normalized);
    }

    [Fact]
    public void ExifWithJpegPrefixIsAcceptedAndStripped()
    {
        byte[] prefixed = [.. "Exif\0\0"u8, .. Exif(1)];

        Assert.Equal(Exif(1), MetadataChecks.NormalizeExif(prefixed, out _, out _));
    }

    [Theory]
    [InlineData("out.png")]
    [InlineData("out.jpg")]
    [InlineData("out.webp")]
    public void MalformedMetadataIsDroppedWithWarningsNotErrors(string name)
    {
        using var dir = new TempDir();
        var badIcc = Encoding.ASCII.GetBytes(new string('x', 300));
        byte[] badExif = [.. "II*\0"u8, 0xFF, 0xFF, 0, 0, 1, 2];

        var warnings = ImageFile.Save(dir.File(name), Quadrants(), new ImageMetadata(badIcc, badExif));

        Assert.Contains(warnings, w => w.StartsWith("ICC profile dropped", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("EXIF dropped", StringComparison.Ordinal));
        var loaded = ImageFile.LoadWithMetadata(dir.File(name));
        Assert.Null(loaded.Metadata.IccProfile);
        Assert.Null(loaded.Metadata.Exif);
    }

    [Fact]
    public void TruncatedIccProfileIsRejected()
    {
        Assert.Null(MetadataChecks.CheckIcc(P3.AsSpan(0, P3.Length - 10), out var problem));
        Assert.Contains("header says", problem, StringComparison.Ordinal);
        Assert.Equal(P3, MetadataChecks.CheckIcc([.. P3, 0, 0, 0], out _)); // trailing padding is cut
    }

    [Fact]
    public void GrayIccProfileIsNotPutOnRgbPixels()
    {
        var gray = (byte[])P3.Clone();
        "GRAY"u8.CopyTo(gray.AsSpan(16));

        Assert.Null(MetadataChecks.CheckIcc(gray, out var problem));
        Assert.Contains("GRAY", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedMetadataInInputLoadsWithWarnings()
    {
        using var dir = new TempDir();
        byte[] raw = [0, 1, 2, 3];
        File.WriteAllBytes(dir.File("bad-iccp.png"), Png(1, 1, 8, 2, raw, ("iCCP", [.. "x\0\0"u8, 1, 2, 3, 4]), ("eXIf", [1, 2, 3])));
        byte[] jpeg = JpegFormat.Embed(SkiaEncode(Quadrants(), SKEncodedImageFormat.Jpeg), null, [.. "MM\0*"u8, 0, 0, 0x10, 0], []);
        File.WriteAllBytes(dir.File("bad-exif.jpg"), jpeg);

        var png = ImageFile.LoadWithMetadata(dir.File("bad-iccp.png"));
        var jpg = ImageFile.LoadWithMetadata(dir.File("bad-exif.jpg"));

        Assert.Equal((1, 2, 3, 255), Pixel(png.Pixels, 0, 0));
        Assert.Null(png.Metadata.IccProfile);
        Assert.Null(png.Metadata.Exif);
        Assert.Contains(png.Warnings, w => w.StartsWith("ICC profile dropped", StringComparison.Ordinal));
        Assert.Contains(png.Warnings, w => w.StartsWith("EXIF dropped", StringComparison.Ordinal));
        Assert.Null(jpg.Metadata.Exif);
        Assert.Contains(jpg.Warnings, w => w.Contains("EXIF first directory offset", StringComparison.Ordinal));
    }

    [Fact]
    public void MetadataCrossesFormatsFromJpegToPng()
    {
        using var dir = new TempDir();
        var jpeg = JpegFormat.Embed(SkiaEncode(Quadrants(), SKEncodedImageFormat.Jpeg), P3, Exif(1), []);
        File.WriteAllBytes(dir.File("in.jpg"), jpeg);
        var loaded = ImageFile.LoadWithMetadata(dir.File("in.jpg"));

        ImageFile.Save(dir.File("out.png"), loaded.Pixels, loaded.Metadata);

        Assert.Equal(P3, ImageFile.LoadWithMetadata(dir.File("out.png")).Metadata.IccProfile);
        Assert.Equal(Exif(1), ImageFile.LoadWithMetadata(dir.File("out.png")).Metadata.Exif);
    }

    [Fact]
    public void LargeIccProfileSpansSeveralJpegSegments()
    {
        // Pad a real profile with a large private tag area: the declared size grows, the tags stay valid.
        var big = new byte[150_000];
        P3.CopyTo(big, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(big, (uint)big.Length);
        using var dir = new TempDir();

        ImageFile.Save(dir.File("big.jpg"), Quadrants(), new ImageMetadata(big));

        Assert.Equal(big, ImageFile.LoadWithMetadata(dir.File("big.jpg")).Metadata.IccProfile);
    }

    [Fact]
    public void NoMetadataMeansNoProfileOrExifWritten()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "a.png", "a.jpg", "a.webp" })
        {
            ImageFile.Save(dir.File(name), Quadrants());
            var bytes = File.ReadAllBytes(dir.File(name));
            var text = Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain("ICC", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Exif", text, StringComparison.OrdinalIgnoreCase);
            Assert.Null(ContainerReader.Read(bytes).Icc);
        }
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
}
