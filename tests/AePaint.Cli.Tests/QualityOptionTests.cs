using AePaint.ImageFiles;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>`aepaint denoise|upscale --quality fast|best`: the Fast / Best pairs on real ONNX Runtime runs of the shipped models.</summary>
public sealed class QualityOptionTests : IDisposable
{
    private const string MissingBest = "aepaint: note: the Best model denoise-general is not installed: running the Fast one, denoise-fast";

    private readonly TempDir _dir = new();
    private readonly string _models;
    private readonly string _inputs;

    public QualityOptionTests()
    {
        _models = Directory.CreateDirectory(_dir.File("models")).FullName;
        ShippedModelCopy.As(_models, "denoise-fast");
        _inputs = Directory.CreateDirectory(_dir.File("in")).FullName;
        var photo = ImageFile.Load(Path.Combine(TestPaths.RepoRoot, "samples", "astronaut.png"));
        ImageFile.Save(Path.Combine(_inputs, "a.png"), photo.Crop(0, 0, 48, 40));
        ImageFile.Save(Path.Combine(_inputs, "b.png"), photo.Crop(200, 200, 40, 48));
    }

    [Fact]
    public void DefaultRunsTheFastModel()
    {
        ShippedModelCopy.As(_models, "denoise-fast", "denoise-general");
        var (exit, output, err) = Denoise("default");
        Assert.True(exit == 0, err);
        Assert.Contains("2 written, 0 skipped (--resume), 0 failed, with denoise-fast.onnx", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir.File("default"), "a.png")));
    }

    [Fact]
    public void BestRunsDenoiseGeneralWhenInstalled()
    {
        ShippedModelCopy.As(_models, "denoise-fast", "denoise-general");
        var (exit, output, err) = Denoise("best", "--quality", "best");
        Assert.True(exit == 0, err);
        Assert.Contains("with denoise-general.onnx", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not installed", err, StringComparison.Ordinal);
    }

    [Fact]
    public void BestMissingFallsBackToFastWithOneNote()
    {
        var (exit, output, err) = Denoise("fallback", "--quality", "BEST");
        Assert.True(exit == 0, err);
        Assert.Equal(MissingBest, err.Trim());
        Assert.Contains("with denoise-fast.onnx", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir.File("fallback"), "b.png")));
    }

    [Fact]
    public void ModelOptionWinsOverQuality()
    {
        ShippedModelCopy.As(_models, "denoise-fast", "denoise-general");
        var (exit, output, err) = Denoise("named", "--quality", "best", "-m", "denoise-fast");
        Assert.True(exit == 0, err);
        Assert.Contains("with denoise-fast.onnx", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ANumberSaysJpegQualityMovedAndWritesNothing()
    {
        var (exit, _, err) = Denoise("number", "--quality", "90");
        Assert.Equal(1, exit);
        Assert.Equal("aepaint: error: --quality 90: --quality now chooses the model (fast or best); JPEG/WebP quality is --jpeg-quality 90 (-q)", err.Trim());
        Assert.False(Directory.Exists(_dir.File("number")) && Directory.EnumerateFileSystemEntries(_dir.File("number")).Any());

        (exit, _, err) = Denoise("word", "--quality", "superb");
        Assert.Equal(1, exit);
        Assert.Contains("--quality superb: use fast or best", err, StringComparison.Ordinal);

        (exit, _, err) = Denoise("jpeg", "-q", "90");
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void UpscaleX2BestRunsTheQualityNetAndX4HasNoBestToMiss()
    {
        ShippedModelCopy.As(_models, "sr-x2-fast");
        ShippedModelCopy.As(_models, "sr-x4-fast");
        var (exit, output, err) = Upscale("x2-fallback", "2", "--quality", "best");
        Assert.True(exit == 0, err);
        Assert.Equal("aepaint: note: the Best model sr-x2-general is not installed: running the Fast one, sr-x2-fast", err.Trim());
        Assert.Contains("with sr-x2-fast.onnx", output, StringComparison.Ordinal);

        (exit, output, err) = Upscale("x4-best", "4", "--quality", "best");
        Assert.True(exit == 0, err);
        Assert.Equal(string.Empty, err.Trim()); // ×4: one model for Fast and Best, nothing missing
        Assert.Contains("with sr-x4-fast.onnx", output, StringComparison.Ordinal);

        ShippedModelCopy.As(_models, "sr-x2-general");
        (exit, output, err) = Upscale("x2-best", "2", "--quality", "best");
        Assert.True(exit == 0, err);
        Assert.Contains("with sr-x2-general.onnx", output, StringComparison.Ordinal);
        (exit, output, err) = Upscale("x2-default", "2");
        Assert.True(exit == 0, err);
        Assert.Contains("with sr-x2-fast.onnx", output, StringComparison.Ordinal);
    }

    private (int Exit, string Out, string Err) Upscale(string output, string scale, params string[] extra) =>
        CliRunner.Run(["upscale", "-i", _inputs, "-o", _dir.File(output), "--models-dir", _models, "-s", scale, .. extra]);

    private (int Exit, string Out, string Err) Denoise(string output, params string[] extra) =>
        CliRunner.Run(["denoise", "-i", _inputs, "-o", _dir.File(output), "--models-dir", _models, "-t", "128", "--sigma", "10", .. extra]);

    public void Dispose() => _dir.Dispose();
}
