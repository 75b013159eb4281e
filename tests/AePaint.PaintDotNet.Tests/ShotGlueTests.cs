using System.Text;
using AePaint.Effects;
using AePaint.Inference.Embedding;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;

namespace AePaint.PaintDotNet.Tests;

/// <summary>The document's EXIF → camera and ISO for Auto (stand-in metadata: only Paint.NET can confirm the real one).</summary>
public sealed class ShotGlueTests
{
    private static ExifPropertyItem Ascii(ExifSection section, ushort tag, string text) =>
        new(new ExifPropertyPath(section, tag), new ExifValue(ExifValueType.Ascii, Encoding.ASCII.GetBytes(text + "\0")));

    private static FakeEnvironment Env(params ExifPropertyItem[] exif) =>
        new(new FakeBitmap<ColorBgra32>(new byte[16], 2, 2, null), new FakeSelection(new(0, 0, 2, 2), new FakeBitmap<ColorAlpha8>(new byte[4], 2, 2, null)), exif);

    [Fact]
    public void Camera_and_iso_come_from_the_documents_exif()
    {
        var env = Env(
            Ascii(ExifSection.Image, 0x010F, "Canon"),
            Ascii(ExifSection.Image, 0x0110, "Canon EOS 70D"),
            new ExifPropertyItem(new ExifPropertyPath(ExifSection.Photo, 0x8827), new ExifValue(ExifValueType.Short, [0x80, 0x0C])));
        Assert.Equal(new ShotInfo("Canon EOS 70D", 3200), Glue.Shot(env));
        Assert.Null(Glue.Shot(Env()));
        Assert.Equal(new ShotInfo("NIKON D750", null), Glue.Shot(Env(Ascii(ExifSection.Image, 0x0110, "NIKON D750"))));
    }

    [Fact]
    public void Exif_that_is_malformed_or_in_the_wrong_section_is_ignored()
    {
        Assert.Equal(new ShotInfo("OLYMPUS IMAGING CORP. E-M1", 200), ExifShot.From([
            new ExifEntry("Image", 0x010F, 2, Encoding.ASCII.GetBytes("OLYMPUS IMAGING CORP.  \0")),
            new ExifEntry("Image", 0x0110, 2, Encoding.ASCII.GetBytes("E-M1            \0")),
            new ExifEntry("Photo", 0x8827, 4, [200, 0, 0, 0]),
        ]));
        Assert.Null(ExifShot.From([new ExifEntry("Photo", 0x8827, 3, [7])])); // one byte for a SHORT
        Assert.Null(ExifShot.From([new ExifEntry("GpsInfo", 0x010F, 2, Encoding.ASCII.GetBytes("Canon\0"))]));
        Assert.Null(ExifShot.From([new ExifEntry("Photo", 0x8827, 3, [0, 0])])); // ISO 0 means unknown
    }
}
