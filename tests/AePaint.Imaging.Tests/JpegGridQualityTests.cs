using AePaint.ImageFiles;
using AePaint.Imaging.Jpeg;
using AePaint.Imaging.Resize;
using AePaint.TestSupport;

namespace AePaint.Imaging.Tests;

/// <summary>The JPEG quality read off decoded pixels, against the file's own quantisation table.</summary>
public sealed class JpegGridQualityTests
{
    [SkippableTheory]
    [InlineData("barbara", 60)]
    [InlineData("zebra", 75)]
    [InlineData("baboon", 90)]
    public void DecodedJpegReadsTheQualityItsFileWasSavedAt(string name, int quality)
    {
        var source = ImageFile.Load(Path.Combine(TestPaths.EvalSet("Set14"), name + ".png"));
        string dir = Directory.CreateTempSubdirectory("aepaint-jpeg-grid-").FullName;
        try
        {
            string path = Path.Combine(dir, name + ".jpg");
            ImageFile.Save(path, source, quality);
            var decoded = ImageFile.Load(path);
            int? fromFile = JpegQuality.Read(path);
            Assert.Equal(quality, fromFile);

            // libjpeg's tables one quality apart can round to the same steps, so the coarser of two equal lattices may win.
            Assert.InRange(JpegGridQuality.Read(decoded) ?? 0, quality - 1, quality);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableFact]
    public void ImagesOffTheGridReadAsNoJpeg()
    {
        var source = ImageFile.Load(Path.Combine(TestPaths.EvalSet("Set14"), "barbara.png"));
        string dir = Directory.CreateTempSubdirectory("aepaint-jpeg-grid-").FullName;
        try
        {
            string path = Path.Combine(dir, "barbara.jpg");
            ImageFile.Save(path, source, 75);
            var decoded = ImageFile.Load(path);
            Assert.NotNull(JpegGridQuality.Read(decoded));

            var shifted = Crop(decoded, 3, 5);
            Assert.Null(JpegGridQuality.Read(shifted));

            var halved = PixelConversion.ToBgra8(MatlabBicubic.ResizeByScale(PixelConversion.ToPlanar(decoded), 0.5));
            Assert.Null(JpegGridQuality.Read(halved));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Bgra8Image Crop(Bgra8Image image, int x0, int y0)
    {
        var crop = new Bgra8Image(image.Width - x0, image.Height - y0);
        for (int y = 0; y < crop.Height; y++)
        {
            image.Row(y + y0).Slice(x0 * 4, crop.Stride).CopyTo(crop.Row(y));
        }

        return crop;
    }
}
