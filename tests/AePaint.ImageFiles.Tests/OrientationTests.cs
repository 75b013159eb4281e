using AePaint.Imaging;
using AePaint.TestSupport;
using SkiaSharp;
using static AePaint.ImageFiles.Tests.TestFiles;

namespace AePaint.ImageFiles.Tests;

public sealed class OrientationTests
{
    private static readonly (int, int, int) Red = (255, 0, 0), Green = (0, 255, 0), Blue = (0, 0, 255), White = (255, 255, 255);

    /// <summary>
    /// Upright corners (top-left, top-right, bottom-left, bottom-right) of the stored quadrant image
    /// red|green / blue|white, straight from the EXIF meaning of "0th row" and "0th column" per orientation.
    /// </summary>
    private static readonly Dictionary<int, (int, int, int)[]> Expected = new()
    {
        [1] = [Red, Green, Blue, White],
        [2] = [Green, Red, White, Blue],
        [3] = [White, Blue, Green, Red],
        [4] = [Blue, White, Red, Green],
        [5] = [Red, Blue, Green, White],
        [6] = [Blue, Red, White, Green],
        [7] = [White, Green, Blue, Red],
        [8] = [Green, White, Red, Blue],
    };

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var ext in new[] { ".jpg", ".png", ".webp" })
        {
            for (var o = 1; o <= 8; o++)
            {
                data.Add(ext, o);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryExifOrientationLoadsUpright(string ext, int orientation)
    {
        using var dir = new TempDir();
        var path = dir.File("o" + ext);
        var file = Oriented(Quadrants(), ext, orientation);
        File.WriteAllBytes(path, file);
        if (ext != ".png")
        {
            // Skia itself must see the orientation we wrote, or the test proves nothing.
            using var codec = SKCodec.Create(SKData.CreateCopy(file));
            Assert.Equal(orientation, (int)codec.EncodedOrigin);
        }

        var loaded = ImageFile.LoadWithMetadata(path);
        var img = loaded.Pixels;

        Assert.Equal(orientation, (int)loaded.SourceOrientation);
        Assert.Equal(orientation >= 5 ? (16, 32) : (32, 16), (img.Width, img.Height));
        var corners = new[] { (1, 1), (img.Width - 2, 1), (1, img.Height - 2), (img.Width - 2, img.Height - 2) };
        for (var c = 0; c < 4; c++)
        {
            var (r, g, b, _) = Pixel(img, corners[c].Item1, corners[c].Item2);
            var (er, eg, eb) = Expected[orientation][c];
            Assert.True(Math.Abs(r - er) <= 12 && Math.Abs(g - eg) <= 12 && Math.Abs(b - eb) <= 12, $"corner {c}: got {r},{g},{b}, expected {er},{eg},{eb}");
        }

        // The kept EXIF now describes upright pixels; the rest of it is untouched.
        var exif = loaded.Metadata.Exif!;
        Assert.Equal(1, OrientationOf(exif));
        Assert.Equal(Exif(1), exif);
    }

    [Fact]
    public void OrientationIsExactOnLosslessPixels()
    {
        // 3×2 image with every pixel distinct; orientation 6 (rotate 90° clockwise) gives a 2×3 image.
        var stored = new Bgra8Image(3, 2);
        for (var i = 0; i < 6; i++)
        {
            stored.Data[(i * 4) + 2] = (byte)(i + 1);
            stored.Data[(i * 4) + 3] = 255;
        }

        var upright = Orientation.Apply(stored, ExifOrientation.Rotate90);

        // Stored rows (1 2 3 / 4 5 6) turned clockwise read 4 1 / 5 2 / 6 3.
        Assert.Equal((2, 3), (upright.Width, upright.Height));
        Assert.Equal([4, 1, 5, 2, 6, 3], Enumerable.Range(0, 6).Select(i => (int)upright.Data[(i * 4) + 2]));
    }

    [Fact]
    public void SavedFileCarriesOrientationOneSoViewersDoNotRotateTwice()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("in.jpg"), Oriented(Quadrants(), ".jpg", 6));
        var loaded = ImageFile.LoadWithMetadata(dir.File("in.jpg"));

        // Hand Save the original, un-normalised EXIF: Save must still reset it.
        ImageFile.Save(dir.File("out.jpg"), loaded.Pixels, loaded.Metadata with { Exif = Exif(6) });

        var bytes = File.ReadAllBytes(dir.File("out.jpg"));
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        Assert.Equal((16, 32), (codec.Info.Width, codec.Info.Height));
        Assert.Equal(Exif(1), ContainerReader.Read(bytes).Exif);
    }

    /// <summary>The image stored as is, with an EXIF block saying how to turn it.</summary>
    internal static byte[] Oriented(Bgra8Image stored, string ext, int orientation)
    {
        var exif = Exif(orientation);
        return ext switch
        {
            ".jpg" => JpegFormat.Embed(SkiaEncode(stored, SKEncodedImageFormat.Jpeg), null, exif, []),
            ".webp" => WebpFormat.Embed(SkiaEncode(stored, SKEncodedImageFormat.Webp), null, exif, stored.Width, stored.Height),
            _ => Png(stored.Width, stored.Height, 8, 6, RawRgba(stored), ("eXIf", exif)),
        };
    }

    private static byte[] RawRgba(Bgra8Image img)
    {
        var raw = new List<byte>();
        for (var y = 0; y < img.Height; y++)
        {
            raw.Add(0);
            for (var x = 0; x < img.Width; x++)
            {
                var (r, g, b, a) = Pixel(img, x, y);
                raw.AddRange([(byte)r, (byte)g, (byte)b, (byte)a]);
            }
        }

        return [.. raw];
    }
}
