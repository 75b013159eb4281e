using System.Buffers.Binary;
using System.Diagnostics;
using AePaint.Imaging;
using AePaint.TestSupport;
using SkiaSharp;
using static AePaint.ImageFiles.Tests.TestFiles;

namespace AePaint.ImageFiles.Tests;

/// <summary>Issue 16 rows 5, 6, 12, 14: crafted and odd inputs, as a user would hand them over.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void LosslessWebpDeclaring16383SquaredInAFewBytesIsRefusedBeforeDecoding()
    {
        using var dir = new TempDir();
        var bomb = WithVp8lSize(LosslessWebp(Flat(64, 64)), 16383, 16383);
        File.WriteAllBytes(dir.File("bomb.webp"), bomb);
        var before = GC.GetTotalAllocatedBytes();

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(dir.File("bomb.webp")));

        Assert.True(bomb.Length < 100, $"{bomb.Length} bytes");
        Assert.Contains("16383×16383", e.Message, StringComparison.Ordinal);
        Assert.Contains("refused before decoding", e.Message, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 64 << 20, "nothing image-sized was allocated");
    }

    [Fact]
    public void WebpWhoseVp8xCanvasIsHugeIsRefusedToo()
    {
        using var dir = new TempDir();
        var vp8l = LosslessWebp(Flat(8, 8))[12..];
        File.WriteAllBytes(dir.File("canvas.webp"), Riff(Chunk("VP8X", Vp8x(0, 16384, 16384)), vp8l));

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(dir.File("canvas.webp")));

        Assert.Contains("16384×16384", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrdinaryFlatLosslessWebpStillLoads()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("flat.webp"), LosslessWebp(Flat(1024, 768)));

        Assert.Equal(1024, ImageFile.Load(dir.File("flat.webp")).Width);
    }

    [Fact]
    public void SymlinkToDevZeroIsRefusedWithoutReading()
    {
        using var dir = new TempDir();
        File.CreateSymbolicLink(dir.File("x.png"), "/dev/zero");

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(dir.File("x.png")));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedPipeIsRefusedWithoutBlocking()
    {
        using var dir = new TempDir();
        using (var mkfifo = Process.Start("mkfifo", dir.File("pipe.png")))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(dir.File("pipe.png")));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void SymlinkToARealPhotoLoadsLikeThePhoto()
    {
        using var dir = new TempDir();
        File.CreateSymbolicLink(dir.File("link.png"), Cbsd68());

        Assert.Equal(ImageFile.Load(Cbsd68()).Data, ImageFile.Load(dir.File("link.png")).Data);
    }

    [Fact]
    public void AnimatedWebpIsRefusedNamingTheFrameCount()
    {
        using var dir = new TempDir();
        var frame = LosslessWebp(Flat(16, 16))[12..];
        var anim = Riff(Chunk("VP8X", Vp8x(0x02, 16, 16)), Chunk("ANIM", new byte[6]), Chunk("ANMF", Anmf(16, 16, frame)), Chunk("ANMF", Anmf(16, 16, frame)));
        File.WriteAllBytes(dir.File("anim.webp"), anim);

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(dir.File("anim.webp")));

        Assert.Contains("animated", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 frames", e.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("gray.png")]
    [InlineData("gray.jpg")]
    public void GrayscaleSaveWritesAGrayFileWithEqualChannels(string name)
    {
        using var dir = new TempDir();
        var tinted = ImageFile.Load(Cbsd68()).Clone();
        for (var i = 0; i < tinted.Data.Length; i += 4)
        {
            tinted.Data[i + 2] = (byte)Math.Min(255, tinted.Data[i + 2] + 5); // a model's few levels of drift
        }

        ImageFile.Save(dir.File(name), tinted, null, new SaveOptions { Grayscale = true });
        var back = ImageFile.LoadWithMetadata(dir.File(name));

        Assert.True(back.SourceWasGray);
        for (var i = 0; i < back.Pixels.Data.Length; i += 4)
        {
            Assert.True(back.Pixels.Data[i] == back.Pixels.Data[i + 1] && back.Pixels.Data[i + 1] == back.Pixels.Data[i + 2], $"pixel {i / 4}");
        }
    }

    private static Bgra8Image Flat(int w, int h)
    {
        var image = new Bgra8Image(w, h);
        Array.Fill(image.Data, (byte)200);
        return image;
    }

    private static byte[] LosslessWebp(Bgra8Image image)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Unpremul));
        System.Runtime.InteropServices.Marshal.Copy(image.Data, 0, bitmap.GetPixels(), image.Data.Length);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 75))!;
        var bytes = data.ToArray();
        Assert.Equal("VP8L", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return bytes;
    }

    /// <summary>Rewrites the 14-bit width/height fields of a simple VP8L file's header.</summary>
    private static byte[] WithVp8lSize(byte[] webp, int w, int h)
    {
        var bytes = (byte[])webp.Clone();
        var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(21));
        bits = (bits & 0xF000_0000) | (uint)(w - 1) | ((uint)(h - 1) << 14);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(21), bits);
        return bytes;
    }

    private static byte[] Vp8x(byte flags, int w, int h)
    {
        var d = new byte[10];
        d[0] = flags;
        WriteU24(d.AsSpan(4), w - 1);
        WriteU24(d.AsSpan(7), h - 1);
        return d;
    }

    private static byte[] Anmf(int w, int h, byte[] frameChunk)
    {
        var d = new byte[16 + frameChunk.Length];
        WriteU24(d.AsSpan(6), w - 1);
        WriteU24(d.AsSpan(9), h - 1);
        WriteU24(d.AsSpan(12), 100);
        frameChunk.CopyTo(d, 16);
        return d;
    }

    private static byte[] Chunk(string fourcc, byte[] data)
    {
        var c = new byte[8 + data.Length + (data.Length & 1)];
        System.Text.Encoding.ASCII.GetBytes(fourcc).CopyTo(c, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(c.AsSpan(4), (uint)data.Length);
        data.CopyTo(c, 8);
        return c;
    }

    private static byte[] Riff(params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var file = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(4 + body.Length));
        "WEBP"u8.CopyTo(file.AsSpan(8));
        body.CopyTo(file, 12);
        return file;
    }

    private static void WriteU24(Span<byte> d, int v)
    {
        d[0] = (byte)v;
        d[1] = (byte)(v >> 8);
        d[2] = (byte)(v >> 16);
    }
}
