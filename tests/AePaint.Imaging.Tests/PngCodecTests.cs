using AePaint.ImageFiles;
using AePaint.Imaging.Png;
using AePaint.TestSupport;
using Pics = AePaint.TestSupport.TestImages;

namespace AePaint.Imaging.Tests;

/// <summary>The SkiaSharp-free PNG codec the Paint.NET plugin uses, checked against SkiaSharp (AePaint.ImageFiles) both ways.</summary>
public sealed class PngCodecTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(37, 23, true)]
    [InlineData(64, 48, false)]
    public void Round_trip_is_exact(int w, int h, bool alpha)
    {
        var img = Pics.Random(w, h, seed: w, alpha: alpha);
        Assert.Equal(img.Data, PngCodec.Decode(PngCodec.Encode(img)).Data);
        Assert.Equal(img.Data, PngCodec.Decode(PngCodec.Encode(img, fast: false)).Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SkiaSharp_reads_what_it_writes_and_it_reads_what_SkiaSharp_writes(bool alpha)
    {
        var img = Pics.Random(90, 70, seed: 2, alpha: alpha);
        var ours = Path.Combine(_dir.Path, "ours.png");
        File.WriteAllBytes(ours, PngCodec.Encode(img));
        Assert.Equal(img.Data, ImageFile.Load(ours).Data);

        var skia = Path.Combine(_dir.Path, "skia.png"); // libpng's adaptive filters: all five filter types
        ImageFile.Save(skia, img);
        Assert.Equal(img.Data, PngCodec.Decode(File.ReadAllBytes(skia)).Data);
    }

    [Fact]
    public void Gray_files_decode_to_equal_channels()
    {
        var img = Pics.Random(40, 30, seed: 4);
        for (int i = 0; i < img.Data.Length; i += 4)
        {
            img.Data[i] = img.Data[i + 1] = img.Data[i + 2];
        }

        var path = Path.Combine(_dir.Path, "gray.png");
        ImageFile.Save(path, img);
        Assert.Equal(img.Data, PngCodec.Decode(File.ReadAllBytes(path)).Data);
    }

    [Fact]
    public void Damaged_or_unsupported_files_say_why()
    {
        var png = PngCodec.Encode(Pics.Random(8, 8));
        Assert.Contains("not a PNG", Assert.Throws<InvalidDataException>(() => PngCodec.Decode(png.AsSpan(1))).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => PngCodec.Decode(png.AsSpan(0, png.Length - 12))).Message, StringComparison.Ordinal);
        var bad = png.ToArray();
        bad[^20] ^= 0xFF; // inside IDAT
        Assert.Contains("bad CRC", Assert.Throws<InvalidDataException>(() => PngCodec.Decode(bad)).Message, StringComparison.Ordinal);
        var deep = png.ToArray();
        deep[8 + 8 + 8] = 16; // IHDR bit depth (CRC fixed up below)
        var crc = Crc32.Compute(deep.AsSpan(12, 17));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(deep.AsSpan(29), crc);
        Assert.Contains("bit depth 16", Assert.Throws<InvalidDataException>(() => PngCodec.Decode(deep)).Message, StringComparison.Ordinal);
    }
}
