using AePaint.Evaluation.Protocols;
using AePaint.Evaluation.Reports;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.TestSupport;
using Xunit.Abstractions;
using static AePaint.Evaluation.Tests.ReportJson;

namespace AePaint.Evaluation.Tests;

/// <summary>The bicubic super-resolution protocol with a pixel-shuffle model (nearest neighbour, so its score is known).</summary>
public sealed class SrEvaluationTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TempDir _dir = new();
    private readonly string _shuffle2;

    public SrEvaluationTests(ITestOutputHelper output)
    {
        _output = output;
        _shuffle2 = TestModels.PixelShuffle(_dir.Path, 2);
    }

    public void Dispose() => _dir.Dispose();

    private EvalSettings Set5(int? limit = null, int passes = 1) =>
        new() { SetDir = TestPaths.EvalSet("Set5"), Models = [_shuffle2], Ssim = false, Limit = limit, Passes = passes };

    [SkippableFact]
    public void PixelShuffleIsNearestNeighbourAndScoresBelowBicubic()
    {
        var report = Of(SrEvaluation.Run(Set5(), [2, 3]));
        var x2 = Condition(report, 0);
        var model = Method(x2, "shuffle2");
        double bicubic = Method(x2, SrEvaluation.BicubicRgbName).GetProperty("meanPsnr").GetDouble();
        double nearest = model.GetProperty("meanPsnr").GetDouble();
        _output.WriteLine($"Set5 ×2: nearest (pixel shuffle) {nearest:F3} dB, bicubic {bicubic:F3} dB");
        Assert.True(nearest < bicubic - 1, $"{nearest} vs {bicubic}");

        // The same number computed here by hand: nearest ×2 of the protocol LR, BT.601 Y, 2-pixel crop.
        var files = Directory.GetFiles(TestPaths.EvalSet("Set5"), "*.png").Order(StringComparer.Ordinal).ToArray();
        var images = model.GetProperty("images").EnumerateArray().ToList();
        for (int k = 0; k < files.Length; k++)
        {
            var hr = ProtocolScores.ModCrop(ImageFile.Load(files[k]), 2);
            var lr = ProtocolScores.SrLowResolution(hr, 2);
            var sr = new Bgra8Image(hr.Width, hr.Height);
            for (int y = 0; y < hr.Height; y++)
            {
                for (int x = 0; x < hr.Width; x++)
                {
                    lr.Data.AsSpan((((y / 2) * lr.Width) + (x / 2)) * 4, 4).CopyTo(sr.Data.AsSpan(((y * hr.Width) + x) * 4, 4));
                }
            }

            double expected = ImageMetrics.Psnr(ColorSpaces.RgbToYBt601(ProtocolScores.To255(hr)), ColorSpaces.RgbToYBt601(ProtocolScores.To255(sr)), 255, 2);
            Assert.Equal(Path.GetFileNameWithoutExtension(files[k]), images[k].GetProperty("image").GetString());
            Assert.Equal(expected, images[k].GetProperty("psnr").GetDouble(), 9);
        }

        var x3 = Method(Condition(report, 1), "shuffle2");
        Assert.Equal("skipped: a ×2 model", x3.GetProperty("status").GetString());
    }

    [SkippableFact]
    public void GivenLowResolutionImagesAreScoredInsteadOfBicubicReductions()
    {
        var set = TestPaths.EvalSet("Set5");
        var lrDir = _dir.File("set5-lr");
        Directory.CreateDirectory(lrDir);
        foreach (var f in Directory.GetFiles(set, "*.png"))
        {
            var hr = ProtocolScores.ModCrop(ImageFile.Load(f), 2);
            ImageFile.Save(Path.Combine(lrDir, Path.GetFileName(f)), ProtocolScores.SrLowResolution(hr, 2), 95);
        }

        // The same LR the protocol makes, given as files: the same scores, under a condition that names the folder.
        var standard = Condition(Of(SrEvaluation.Run(Set5(), [2])), 0);
        var given = Condition(Of(SrEvaluation.Run(Set5(), [2], lrDir: lrDir)), 0);
        Assert.Equal("×2, LR set5-lr", given.GetProperty("name").GetString());
        Assert.Equal(Scores(Method(standard, "shuffle2")), Scores(Method(given, "shuffle2")));
        Assert.DoesNotContain(given.GetProperty("methods").EnumerateArray(), m => m.GetProperty("name").GetString() == SrEvaluation.BicubicPublishedName);

        var first = Directory.GetFiles(lrDir).Order(StringComparer.Ordinal).First();
        ImageFile.Save(first, new Bgra8Image(10, 10), null, new SaveOptions { Quality = 95, Overwrite = true });
        var e = Assert.Throws<EvaluationException>(() => SrEvaluation.Run(Set5(), [2], lrDir: lrDir));
        Assert.Contains(Path.GetFileNameWithoutExtension(first), e.Message);
        Assert.Contains("10×10", e.Message);
        File.Delete(first);
        e = Assert.Throws<EvaluationException>(() => SrEvaluation.Run(Set5(), [2], lrDir: lrDir));
        Assert.Contains($"no LR image named {Path.GetFileNameWithoutExtension(first)}", e.Message);
        e = Assert.Throws<EvaluationException>(() => SrEvaluation.Run(Set5(), [2, 4], lrDir: lrDir));
        Assert.Contains("one -s", e.Message);
    }

    [SkippableFact]
    public void PassesNameTheModelAsItsOwnMethod()
    {
        var md = EvalReportWriter.ToMarkdown(SrEvaluation.Run(Set5(limit: 2, passes: 8), [2]));
        Assert.Contains("shuffle2 ×8 passes", md);
        Assert.Contains("self-ensemble of 8 flips/turns", md);
    }

    [SkippableFact]
    public void ADenoiseModelOrABrokenFileIsRefusedNamingIt()
    {
        var identity = TestModels.Identity(_dir.Path);
        var e = Assert.Throws<EvaluationException>(() => SrEvaluation.Run(new EvalSettings { SetDir = SetCrops.Cbsd68, Models = [identity], Limit = 1 }, [2]));
        Assert.Contains("needs a super-resolution model", e.Message);

        // A broken file in a set (loaded in parallel) is one exception naming the file, not an AggregateException.
        var broken = Directory.CreateDirectory(_dir.File("broken")).FullName;
        File.Copy(Directory.GetFiles(SetCrops.Cbsd68, "*.png").Order(StringComparer.Ordinal).First(), Path.Combine(broken, "a.png"));
        File.WriteAllBytes(Path.Combine(broken, "b.png"), []);
        var bad = Assert.Throws<ImageFileException>(() => SrEvaluation.Run(new EvalSettings { SetDir = broken }, [2]));
        Assert.Contains("b.png: file is empty", bad.Message);
    }
}
