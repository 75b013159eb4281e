using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>`aepaint denoise` / `upscale` on real files with real (tiny) ONNX models.</summary>
public sealed class RestoreCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _box;
    private readonly string _shuffle2;
    private readonly string _photo;

    public RestoreCommandTests()
    {
        _box = TestModels.BoxBlur(_dir.Path, 1);
        _shuffle2 = TestModels.PixelShuffle(_dir.Path, 2);
        _photo = _dir.File("photo.png");
        File.Copy(Path.Combine(TestPaths.EvalSet("CBSD68"), Directory.GetFiles(TestPaths.EvalSet("CBSD68"), "*.png").Order().Select(Path.GetFileName).First()!), _photo);
    }

    [SkippableFact]
    public void DenoiseWritesBesideTheInputWithASuffix()
    {
        var (exit, output, err) = CliRunner.Run("denoise", _photo, "-m", _box, "-t", "128");
        Assert.True(exit == 0, err);
        var result = _dir.File("photo_denoised.png");
        Assert.True(File.Exists(result));
        Assert.Contains("photo_denoised.png", output);
        var input = ImageFile.Load(_photo);
        var blurred = ImageFile.Load(result);
        Assert.Equal(input.Width, blurred.Width);
        Assert.NotEqual(input.Data, blurred.Data);
    }

    [SkippableFact]
    public void DetailOneHundredKeepsThePhotosLumaAndVerboseShowsTheNoiseReading()
    {
        var noiseMap = TestModels.SubtractNoiseMap(_dir.Path); // output = input − σ/255 in every channel: all luma
        var (exit, output, err) = CliRunner.Run("denoise", _photo, "-m", noiseMap, "--sigma", "20", "--detail", "100", "-o", _dir.File("kept.png"));
        Assert.True(exit == 0, err);
        Assert.Equal(ImageFile.Load(_photo).Data, ImageFile.Load(_dir.File("kept.png")).Data);
        Assert.DoesNotContain("noise:", output);

        (exit, output, err) = CliRunner.Run("denoise", _photo, "-m", noiseMap, "--detail", "50", "--color-noise", "0", "-v", "-o", _dir.File("half.png"));
        Assert.True(exit == 0, err);
        Assert.Contains("(auto)", output);
        Assert.Contains("  noise: auto σ ", output);
        Assert.Contains("half size", output);
        Assert.NotEqual(ImageFile.Load(_photo).Data, ImageFile.Load(_dir.File("half.png")).Data);

        (exit, _, err) = CliRunner.Run("denoise", _photo, "-m", noiseMap, "--color-noise", "101");
        Assert.Equal(1, exit);
        Assert.Contains("--color-noise 101: use 0..100", err);
    }

    [SkippableFact]
    public void UpscaleDoublesTheSize()
    {
        var target = _dir.File("big.png");
        var (exit, _, err) = CliRunner.Run("upscale", "-i", _photo, "-o", target, "-s", "2", "-m", _shuffle2);
        Assert.True(exit == 0, err);
        var input = ImageFile.Load(_photo);
        var big = ImageFile.Load(target);
        Assert.Equal(input.Width * 2, big.Width);
        Assert.Equal(input.Height * 2, big.Height);
        Assert.Equal(input.Data[..4], big.Data[..4]);
    }

    [SkippableFact]
    public void UpscaleRefusesAModelOfAnotherScale()
    {
        var (exit, _, err) = CliRunner.Run("upscale", _photo, "-s", "4", "-m", _shuffle2);
        Assert.Equal(1, exit);
        Assert.Contains("×2, not ×4", err);
    }

    [SkippableFact]
    public void FolderBatchKeepsStructureAndResumeSkipsFinished()
    {
        var src = Directory.CreateDirectory(_dir.File("shots")).FullName;
        Directory.CreateDirectory(Path.Combine(src, "day2"));
        File.Copy(_photo, Path.Combine(src, "a.png"));
        File.Copy(_photo, Path.Combine(src, "day2", "b.png"));
        File.WriteAllText(Path.Combine(src, "notes.txt"), "not an image");
        var outDir = _dir.File("clean");

        var first = CliRunner.Run("denoise", src, "-o", outDir, "-m", _box);
        Assert.True(first.Exit == 0, first.Err);
        Assert.True(File.Exists(Path.Combine(outDir, "a.png")));
        Assert.True(File.Exists(Path.Combine(outDir, "day2", "b.png")));
        Assert.Contains("2 written", first.Out);

        var second = CliRunner.Run("denoise", src, "-o", outDir, "-m", _box, "--resume");
        Assert.Equal(0, second.Exit);
        Assert.Contains("0 written, 2 skipped", second.Out);
    }

    [SkippableFact]
    public void OutputNeverOverwritesTheInput()
    {
        var before = File.ReadAllBytes(_photo);
        var (exit, _, err) = CliRunner.Run("denoise", _photo, "-o", _photo, "-m", _box);
        Assert.Equal(1, exit);
        Assert.Contains("overwrite an input", err);
        Assert.Equal(before, File.ReadAllBytes(_photo));
    }

    [SkippableFact]
    public void OutputInAMissingFolderIsAClearErrorAndWritesNothing()
    {
        var target = Path.Combine(_dir.Path, "no", "such", "dir", "out.png");
        var (exit, _, err) = CliRunner.Run("denoise", _photo, "-o", target, "-m", _box);
        Assert.Equal(1, exit);
        Assert.Contains("out.png", err);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "no")));
    }

    [SkippableTheory]
    [InlineData("empty.png", new byte[0])]
    [InlineData("text.jpg", new byte[] { 0x68, 0x65, 0x6c, 0x6c, 0x6f })]
    public void BadInputFileGivesAOneLineErrorNamingIt(string name, byte[] bytes)
    {
        var bad = _dir.File(name);
        File.WriteAllBytes(bad, bytes);
        var (exit, _, err) = CliRunner.Run("denoise", bad, "-m", _box);
        Assert.Equal(1, exit);
        Assert.Contains(name, err);
        Assert.StartsWith("aepaint: error:", err);
        Assert.Empty(Directory.GetFiles(_dir.Path, Path.GetFileNameWithoutExtension(name) + "_denoised*"));
    }

    [SkippableFact]
    public void TruncatedInputFailsWithoutPartialOutput()
    {
        var bytes = File.ReadAllBytes(_photo);
        var cut = _dir.File("cut.png");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var (exit, _, err) = CliRunner.Run("denoise", cut, "-m", _box);
        Assert.Equal(1, exit);
        Assert.Contains("cut.png", err);
        Assert.False(File.Exists(_dir.File("cut_denoised.png")));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp*"));
    }

    [SkippableFact]
    public void CorruptModelIsNamed()
    {
        var model = _dir.File("broken.onnx");
        File.WriteAllBytes(model, [1, 2, 3]);
        var (exit, _, err) = CliRunner.Run("denoise", _photo, "-m", model);
        Assert.Equal(1, exit);
        Assert.Contains("broken.onnx", err);
        Assert.Contains("not a valid ONNX model", err);
    }

    [SkippableFact]
    public void GrayModelGivenRgbIsRefused()
    {
        var gray = TestModels.GrayIdentity(_dir.Path);
        var (exit, _, err) = CliRunner.Run("denoise", _photo, "-m", gray);
        Assert.Equal(1, exit);
        Assert.Contains("gray", err);
        Assert.Contains("photo.png", err);
    }

    [SkippableFact]
    public void BadSigmaIsAUsageError()
    {
        var (exit, _, err) = CliRunner.Run("denoise", _photo, "-m", _box, "--sigma", "loud");
        Assert.Equal(1, exit);
        Assert.Contains("--sigma loud", err);
    }

    [SkippableFact]
    public void PassesAverageFlippedRunsAndOnlyTakeOneTwoFourOrEight()
    {
        var unet = TestModels.StridedUNet(_dir.Path);
        Assert.Equal(0, CliRunner.Run("denoise", _photo, "-m", unet, "-o", _dir.File("one.png")).Exit);
        var (exit, _, err) = CliRunner.Run("denoise", _photo, "-m", unet, "-o", _dir.File("four.png"), "--passes", "4");
        Assert.True(exit == 0, err);
        Assert.NotEqual(ImageFile.Load(_dir.File("one.png")).Data, ImageFile.Load(_dir.File("four.png")).Data);
        var (bad, _, badErr) = CliRunner.Run("denoise", _photo, "-m", unet, "-o", _dir.File("three.png"), "--passes", "3");
        Assert.NotEqual(0, bad);
        Assert.Contains("--passes", badErr);
        Assert.False(File.Exists(_dir.File("three.png")));
    }

    [SkippableFact]
    public void MissingInputIsNamed()
    {
        var (exit, _, err) = CliRunner.Run("denoise", _dir.File("ghost.jpg"), "-m", _box);
        Assert.Equal(1, exit);
        Assert.Contains("ghost.jpg", err);
    }

    [SkippableFact]
    public void TransparentImageKeepsItsAlpha()
    {
        var img = TestImages.Random(40, 30, alpha: true);
        var path = _dir.File("alpha.png");
        ImageFile.Save(path, img);
        var (exit, _, err) = CliRunner.Run("denoise", path, "-m", _box);
        Assert.True(exit == 0, err);
        var back = ImageFile.Load(_dir.File("alpha_denoised.png"));
        for (int i = 3; i < img.Data.Length; i += 4)
        {
            Assert.Equal(img.Data[i], back.Data[i]);
        }
    }

    public void Dispose() => _dir.Dispose();
}
