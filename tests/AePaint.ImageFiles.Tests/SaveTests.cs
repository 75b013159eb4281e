using AePaint.Imaging.Files;
using AePaint.Imaging;
using AePaint.TestSupport;
using static AePaint.ImageFiles.Tests.TestFiles;

namespace AePaint.ImageFiles.Tests;

public sealed class SaveTests
{
    [Fact]
    public void MissingOutputFolderNamesThePathAndWritesNothing()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "missing", "out.png");

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Save(path, Quadrants()));

        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "missing")));
    }

    [Theory]
    [InlineData("out.bmp", "'.bmp'")]
    [InlineData("out", "''")]
    [InlineData("out.tiff", "'.tiff'")]
    public void UnknownExtensionIsAClearError(string name, string shown)
    {
        using var dir = new TempDir();

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Save(dir.File(name), Quadrants()));

        Assert.Contains("unknown output extension " + shown, e.Message, StringComparison.Ordinal);
        Assert.Contains(".png, .jpg, .jpeg or .webp", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void EmptyImageIsRefused()
    {
        using var dir = new TempDir();

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Save(dir.File("empty.png"), new Bgra8Image(0, 0)));

        Assert.Contains("0×0", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void FailureBeforeReplaceLeavesOldTargetAndNoTempFile()
    {
        using var dir = new TempDir();
        var path = dir.File("photo.png");
        File.WriteAllBytes(path, [1, 2, 3]);
        AtomicFile.BeforeReplace.Value = p => throw new IOException("disk full (simulated)");
        try
        {
            var e = Assert.Throws<ImageFileException>(() => ImageFile.Save(path, Quadrants()));

            Assert.Contains("disk full (simulated)", e.Message, StringComparison.Ordinal);
            Assert.Contains("existing file is unchanged", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            AtomicFile.BeforeReplace.Value = null;
        }

        Assert.Equal<byte>([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void UnexpectedFailureAlsoCleansUpAndPropagates()
    {
        using var dir = new TempDir();
        AtomicFile.BeforeReplace.Value = p => throw new InvalidOperationException("bug");
        try
        {
            Assert.Throws<InvalidOperationException>(() => ImageFile.Save(dir.File("a.jpg"), Quadrants()));
        }
        finally
        {
            AtomicFile.BeforeReplace.Value = null;
        }

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void TempFileIsInTheTargetFolderAndReplacesTheTarget()
    {
        using var dir = new TempDir();
        var path = dir.File("photo.webp");
        File.WriteAllBytes(path, [1, 2, 3]);
        string[] during = [];
        AtomicFile.BeforeReplace.Value = p => during = Directory.GetFileSystemEntries(dir.Path);
        try
        {
            ImageFile.Save(path, Quadrants(), null, new SaveOptions { Overwrite = true });
        }
        finally
        {
            AtomicFile.BeforeReplace.Value = null;
        }

        var temp = Assert.Single(during, f => f != path);
        Assert.StartsWith(".photo.webp.", Path.GetFileName(temp), StringComparison.Ordinal);
        Assert.False(ImageFile.IsSupportedInput(temp));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));
        Assert.Equal(32, ImageFile.Load(path).Width);
    }

    [Fact]
    public void TargetThatIsAFolderIsAnError()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("x.png"));

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Save(dir.File("x.png"), Quadrants()));

        Assert.Contains("is a folder", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void JpegQualityChangesSizeAndBadQualityIsRejected()
    {
        using var dir = new TempDir();
        var img = ImageFile.Load(Cbsd68(2));

        ImageFile.Save(dir.File("low.jpg"), img, options: new SaveOptions { Quality = 30 });
        ImageFile.Save(dir.File("high.jpg"), img, 95);

        Assert.True(new FileInfo(dir.File("low.jpg")).Length * 2 < new FileInfo(dir.File("high.jpg")).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFile.Save(dir.File("q.jpg"), img, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFile.Save(dir.File("q.jpg"), img, 101));
    }

    [Fact]
    public void JpegWarnsThatTransparencyIsDropped()
    {
        using var dir = new TempDir();

        var warnings = ImageFile.Save(dir.File("a.jpg"), Bgra8Image.Solid(4, 4, 1, 2, 3, 100));

        Assert.Contains(warnings, w => w.Contains("transparency", StringComparison.Ordinal));
        Assert.Equal(255, Pixel(ImageFile.Load(dir.File("a.jpg")), 0, 0).A);
    }

    [Fact]
    public void OpaqueImagesBecomeRgbPngsAndTransparentOnesRgba()
    {
        using var dir = new TempDir();
        ImageFile.Save(dir.File("opaque.png"), Quadrants());
        ImageFile.Save(dir.File("alpha.png"), Bgra8Image.Solid(2, 2, 1, 2, 3, 9));

        // IHDR colour type byte: 2 = RGB, 6 = RGBA.
        Assert.Equal(2, File.ReadAllBytes(dir.File("opaque.png"))[25]);
        Assert.Equal(6, File.ReadAllBytes(dir.File("alpha.png"))[25]);
    }

    [Theory]
    [InlineData("a.png", ImageFormat.Png)]
    [InlineData("b.PNG", ImageFormat.Png)]
    [InlineData("c.jpg", ImageFormat.Jpeg)]
    [InlineData("dir.v2/d.JPEG", ImageFormat.Jpeg)]
    [InlineData("e.webp", ImageFormat.Webp)]
    [InlineData("f.gif", null)]
    [InlineData("g.png.tmp", null)]
    [InlineData("noext", null)]
    public void FormatFollowsTheExtension(string path, ImageFormat? expected)
    {
        Assert.Equal(expected, ImageFile.FormatFromExtension(path));
        Assert.Equal(expected != null, ImageFile.IsSupportedInput(path));
        if (expected is { } format)
        {
            Assert.Equal(format, ImageFile.FormatFromExtension("x" + ImageFile.ExtensionFor(format)));
        }
    }
}
