using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.TestSupport;

namespace AePaint.ImageFiles.Tests;

/// <summary>EXIF camera and ISO: from our own written files (JPEG and PNG), a real camera JPEG, and files without EXIF.</summary>
public sealed class CameraInfoTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Theory]
    [InlineData("shot.jpg")]
    [InlineData("shot.png")]
    public void ReadsCameraAndIsoThatWereWritten(string name)
    {
        var path = _dir.File(name);
        ImageFile.Save(path, TestImages.Random(40, 30), new ImageMetadata(Exif: ExifBlock.Build("Canon", "Canon EOS 70D", 3200)));
        var info = CameraInfo.Read(path);
        Assert.Equal("Canon EOS 70D", info.Camera);
        Assert.Equal(3200, info.Iso);
    }

    [SkippableFact]
    public void ReadsARealCameraJpeg()
    {
        // A training wallpaper that kept its EXIF (plasma-workspace-wallpapers, FallenLeaf.jpg).
        var info = CameraInfo.Read(Path.Combine(TestPaths.SharedData, "train", "plasma-workspace-wallpapers", "FallenLeaf.jpg"));
        Assert.Equal("Canon EOS 70D", info.Camera);
        Assert.Equal(100, info.Iso);
    }

    [Fact]
    public void FilesWithoutExifOrNotImagesGiveNone()
    {
        var png = _dir.File("plain.png");
        ImageFile.Save(png, TestImages.Random(8, 8));
        Assert.Equal(CameraInfo.None, CameraInfo.Read(png));
        var junk = _dir.File("junk.jpg");
        File.WriteAllText(junk, "not a photo");
        Assert.Equal(CameraInfo.None, CameraInfo.Read(junk));
        Assert.Equal(CameraInfo.None, CameraInfo.Read(_dir.File("missing.jpg")));
    }

    [Theory]
    [InlineData("Canon", "Canon EOS 70D", "Canon EOS 70D")]
    [InlineData("OLYMPUS IMAGING CORP.  ", "E-M1            ", "OLYMPUS IMAGING CORP. E-M1")]
    [InlineData("NIKON CORPORATION", "NIKON D750", "NIKON D750")]
    [InlineData(null, "N9", "N9")]
    [InlineData("SONY", null, "SONY")]
    [InlineData(" ", null, null)]
    public void CameraNameHasTheMakeOnce(string? make, string? model, string? expected)
    {
        Assert.Equal(expected, CameraName.From(make, model));
    }

    public void Dispose() => _dir.Dispose();
}
