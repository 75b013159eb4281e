using System.Diagnostics;
using AePaint.TestSupport;
using static AePaint.ImageFiles.Tests.TestFiles;

namespace AePaint.ImageFiles.Tests;

public sealed class BadInputTests
{
    private static readonly byte[] OnePixelGif = Convert.FromHexString(
        "474946383961010001008000000000" + "00FFFFFF21F90401000000002C00000000010001000002024401003B");

    [Fact]
    public void MissingFile() => AssertFails("no-such-file.png", null, "file not found");

    [Fact]
    public void ZeroByteFile() => AssertFails("empty.png", [], "file is empty");

    [Fact]
    public void TextFileWithImageExtension() =>
        AssertFails("notes.jpg", "this is not a picture\n"u8.ToArray(), "the content is not JPEG, PNG or WebP");

    [Fact]
    public void GifIsRefusedByName() => AssertFails("anim.png", OnePixelGif, "AePaint reads JPEG, PNG and WebP");

    [Fact]
    public void FolderInsteadOfFile()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("photos.png"));

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(dir.File("photos.png")));

        Assert.Contains("is a folder", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void TruncatedJpegIsAnErrorNotAHalfGreyImage()
    {
        using var dir = new TempDir();
        ImageFile.Save(dir.File("full.jpg"), ImageFile.Load(Cbsd68()));
        var full = File.ReadAllBytes(dir.File("full.jpg"));

        AssertFails("half.jpg", full[..(full.Length / 2)], "truncated");
    }

    [SkippableFact]
    public void TruncatedPngIsAnError()
    {
        var full = File.ReadAllBytes(Cbsd68());

        AssertFails("half.png", full[..(full.Length / 2)], "truncated");
    }

    [SkippableFact]
    public void PngWithCorruptImageDataIsAnError()
    {
        var bytes = File.ReadAllBytes(Cbsd68());
        for (var i = bytes.Length / 2; i < (bytes.Length / 2) + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        AssertFails("corrupt.png", bytes, "corrupt");
    }

    [Fact]
    public void HugePngHeaderWithTinyDataFailsFastWithoutAllocating()
    {
        var bytes = Png(20000, 20000, 8, 6, new byte[1000]);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var e = AssertFails("huge.png", bytes, "truncated or corrupt");

        Assert.Contains("20000×20000", e.Message, StringComparison.Ordinal);
        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 50_000_000, "allocated the claimed pixels");
    }

    [Fact]
    public void HugeJpegHeaderWithTinyDataFailsFastWithoutAllocating()
    {
        var bytes = JpegClaiming(16000, 16000, progressive: false);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var e = AssertFails("huge.jpg", bytes, "truncated or corrupt");

        Assert.Contains("16000×16000", e.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 50_000_000, "allocated the claimed pixels");
    }

    [Fact]
    public void ImageOverThePixelLimitIsRefusedBeforeDecoding()
    {
        // Progressive JPEG can be tiny for its size, so only the pixel limit stands between it and 3.6 GB.
        var bytes = JpegClaiming(30000, 30000, progressive: true);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var e = AssertFails("bomb.jpg", bytes, "megapixel limit");

        Assert.Contains("30000×30000", e.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 50_000_000, "allocated the claimed pixels");
    }

    [Fact]
    public void ZeroByZeroPngIsRefused()
    {
        var e = AssertFails("zero.png", Png(0, 0, 8, 2, [0]), null);

        Assert.Contains("zero.png", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("webp")]
    public void DamagedFilesFailOnlyWithImageFileException(string ext)
    {
        // Real files with ICC and EXIF, then random byte damage and cuts: the parsers must never throw anything else.
        using var dir = new TempDir();
        var good = dir.File("good." + ext);
        ImageFile.Save(good, Quadrants(), new ImageMetadata(DisplayP3Icc(), Exif(6)));
        var original = File.ReadAllBytes(good);
        var random = new Random(1234);
        var path = dir.File("damaged." + ext);
        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = random.Next(1, 6); k > 0; k--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            File.WriteAllBytes(path, round % 3 == 0 ? bytes[..random.Next(1, bytes.Length)] : bytes);
            try
            {
                ImageFile.LoadWithMetadata(path);
            }
            catch (ImageFileException e)
            {
                Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A small real JPEG whose frame header is patched to claim another size.</summary>
    private static byte[] JpegClaiming(int width, int height, bool progressive)
    {
        var bytes = SkiaEncode(Quadrants(), SkiaSharp.SKEncodedImageFormat.Jpeg);
        var sof = bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        bytes[sof + 1] = progressive ? (byte)0xC2 : (byte)0xC0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 5), (ushort)height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 7), (ushort)width);
        return bytes;
    }

    private static ImageFileException AssertFails(string name, byte[]? content, string? problem)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        if (content != null)
        {
            File.WriteAllBytes(path, content);
        }

        var e = Assert.Throws<ImageFileException>(() => ImageFile.LoadWithMetadata(path));

        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        if (problem != null)
        {
            Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        }

        return e;
    }
}
