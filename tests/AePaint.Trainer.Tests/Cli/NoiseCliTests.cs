using System.Globalization;
using AePaint.TestSupport;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>`aepaint-train noise`: the check's report and its reused σ-grid cache, and the options it refuses.</summary>
public sealed class NoiseCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void CheckReportsEachReadingAgainstTheGridAndReusesItsRuns()
    {
        var pairs = ButterflyPair();
        string[] args =
        [
            "noise", "check", "--set", pairs, "-m", Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx"),
            "--estimator", Path.Combine(TestPaths.RepoRoot, "models", "experiments", "noise-level", "noise-level.onnx"),
            "--sigma-sweep", "0,8", "--report", _dir.File("report.tsv"),
        ];
        var (exit, output, err) = TrainerRun.Cli(args);
        Assert.True(exit == 0, err);
        var report = File.ReadAllLines(_dir.File("report.tsv"));
        Assert.Contains(report, l => l.StartsWith("# statistical: mean PSNR ", StringComparison.Ordinal));
        Assert.Contains(report, l => l.StartsWith("# noise-level: mean PSNR ", StringComparison.Ordinal));
        Assert.Contains(report, l => l.StartsWith("# noise-level+statistical: mean PSNR ", StringComparison.Ordinal));
        var header = report.Single(l => l.StartsWith("image\t", StringComparison.Ordinal)).Split('\t');
        var row = report.Single(l => l.StartsWith("butterfly_real\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal(3 + (2 * 3) + 1 + 6, row.Length);
        int saved = int.Parse(File.ReadAllLines(Path.Combine(pairs, "degrade.tsv"))[1].Split('\t')[2], CultureInfo.InvariantCulture);
        Assert.InRange(int.Parse(row[Array.IndexOf(header, "jpeg_quality")], CultureInfo.InvariantCulture), saved - 1, saved); // read off the pixels of the camera JPEG's PNG copy
        AssertFeaturesOfTheReading(header, row, Path.Combine(pairs, "butterfly_real.png"));
        Assert.Contains("butterfly_real", output);
        var cache = File.ReadAllLines(_dir.File("report.tsv.sweep.tsv"));
        Assert.Equal(2, cache.Length);

        // The report now exists: a second check stops on it with one line, before any run, unless --overwrite.
        var before = File.ReadAllText(_dir.File("report.tsv"));
        var refused = TrainerRun.Cli(args);
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("report.tsv: already exists; pass --overwrite to replace it", refused.Err);
        Assert.Equal(before, File.ReadAllText(_dir.File("report.tsv")));

        // With --overwrite it reads the grid's PSNR from the cache: a changed value there shows up as the best.
        File.WriteAllLines(_dir.File("report.tsv.sweep.tsv"), cache.Select(l => l.StartsWith("butterfly_real\t8\t", StringComparison.Ordinal) ? "butterfly_real\t8\t99" : l));
        Assert.Equal(0, TrainerRun.Cli([.. args, "--overwrite"]).Exit);
        Assert.StartsWith("butterfly_real\t8\t99.000\t", File.ReadAllLines(_dir.File("report.tsv")).Single(l => l.StartsWith("butterfly_real\t", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>
    /// --judged adds the reading as the model judges it (MethodNoise): on camera noise of Set5 butterfly the model finds
    /// noise (it removes ≈ 0.45 σ), so the statistical σ stands; --judge dumps the removed luma RMS per grid σ.
    /// </summary>
    [SkippableFact]
    public void CheckMeasuresTheModelJudgedReadingAndDumpsWhatItRemoves()
    {
        var pairs = ButterflyPair();
        var (exit, _, err) = TrainerRun.Cli(
            "noise", "check", "--set", pairs, "-m", Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx"),
            "--sigma-sweep", "0,8", "--report", _dir.File("report.tsv"), "--judged", "--judge");
        Assert.True(exit == 0, err);
        var report = File.ReadAllLines(_dir.File("report.tsv"));
        Assert.Contains(report, l => l.StartsWith("# judged: mean PSNR ", StringComparison.Ordinal));
        var row = report.Single(l => l.StartsWith("butterfly_real\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal(row[3], row[5]); // statistical σ = judged σ
        Assert.True(double.Parse(row[3], CultureInfo.InvariantCulture) > 1, row[3]);
        var dump = File.ReadAllLines(_dir.File("report.tsv.judge.tsv"));
        Assert.Equal("image\tmeasured\tc8\tpsnr0\tpsnr8\tsigma2\tsigma4\trho\tpca2\tchroma_share\tcolour_sigma", dump[0]);
        AssertFeaturesOfTheReading(dump[0].Split('\t'), dump[1].Split('\t'), Path.Combine(pairs, "butterfly_real.png"));
        var cells = dump[1].Split('\t');
        Assert.Equal("butterfly_real", cells[0]);
        double removed = double.Parse(cells[2], CultureInfo.InvariantCulture);
        Assert.InRange(removed / 8, AePaint.Inference.MethodNoise.KeepFrom, 1.0);
    }

    // The statistics' features in a report or dump row are the reading's own (PhotoNoise), to the 4 decimals written.
    private static void AssertFeaturesOfTheReading(string[] header, string[] row, string image)
    {
        var reading = AePaint.Inference.NoiseLevel.ReadStatistical(AePaint.ImageFiles.ImageFile.Load(image));
        double Cell(string name) => double.Parse(row[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        var p = reading.Photo;
        Assert.Equal(p.LumaCoarse, Cell("sigma2"), 4);
        Assert.Equal(p.LumaCoarser, Cell("sigma4"), 4);
        Assert.Equal(p.ScaleRatio, Cell("rho"), 4);
        Assert.Equal(p.LumaCoarsePca, Cell("pca2"), 4);
        Assert.Equal(p.ChromaShare, Cell("chroma_share"), 4);
        Assert.Equal(reading.ColourSigma, Cell("colour_sigma"), 4);
        Assert.Equal(p.LumaCoarser / p.LumaCoarse, p.ScaleRatio, 12);
    }

    // The dev protocol's camera noise on Set5 butterfly (seed 19) as a name_real/name_mean pair.
    private string ButterflyPair()
    {
        var pairs = _dir.File("pairs");
        Directory.CreateDirectory(_dir.File("src"));
        File.Copy(Path.Combine(TestPaths.EvalSet("Set5"), "butterfly.png"), _dir.File("src/butterfly.png"));
        Assert.Equal(0, TrainerRun.Cli("degrade", "--set", _dir.File("src"), "--noise", "camera", "--seed", "19", "-o", pairs).Exit);
        return pairs;
    }

    [Fact]
    public void LabelsRefuseACropSideThatIsNotAMultipleOfEight()
    {
        var (exit, _, err) = TrainerRun.Cli("noise", "labels", "--data", _dir.Path, "-m", "x.onnx", "--size", "20", "-o", _dir.File("labels"));
        Assert.Equal(1, exit);
        Assert.Equal("aepaint-train: error: --count must be positive and --size a multiple of 8, at least 16", err.Trim());
        Assert.False(Directory.Exists(_dir.File("labels")));
    }
}
