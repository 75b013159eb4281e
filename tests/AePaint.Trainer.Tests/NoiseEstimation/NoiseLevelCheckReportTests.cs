using AePaint.Imaging.Files;
using AePaint.TestSupport;
using AePaint.Trainer.NoiseEstimation;

namespace AePaint.Trainer.Tests.NoiseEstimation;

/// <summary>`noise check --report`: an existing report is the user's file; it is replaced only with --overwrite.</summary>
public sealed class NoiseLevelCheckReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aepaint-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void AnExistingReportStopsTheCheckBeforeAnyRunAndOverwriteReplacesIt()
    {
        var set = TestPaths.EvalSet("SIDD_samples");
        var model = Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx");
        var report = Path.Combine(_dir, "check.tsv");
        File.WriteAllText(report, "the user's notes\n");

        var refused = Assert.Throws<FileSafetyException>(() => NoiseLevelCheck.Run(set, false, 0, 1, model, [], [0], report, TextWriter.Null));
        Assert.Contains("--overwrite", refused.Message);
        Assert.Equal("the user's notes\n", File.ReadAllText(report));
        Assert.False(File.Exists(report + ".sweep.tsv")); // refused before the first run

        NoiseLevelCheck.Run(set, false, 0, 1, model, [], [0], report, TextWriter.Null, overwrite: true);
        var lines = File.ReadAllLines(report);
        Assert.StartsWith("# ", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("# statistical: mean PSNR", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_dir, ".*.tmp"));
    }
}
