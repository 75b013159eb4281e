using System.Text.Json;
using AePaint.Evaluation.Protocols;
using AePaint.ImageFiles;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>
/// The `aepaint eval` and `aepaint compare` verbs: options reach the evaluation library, reports are printed and
/// written, problems are one line and exit 1. What the protocols compute is tested in AePaint.Evaluation.Tests.
/// </summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _identity;
    private readonly string _noiseMap;
    private readonly string _shuffle2;

    public EvalCommandTests()
    {
        _identity = TestModels.Identity(_dir.Path);
        _noiseMap = TestModels.SubtractNoiseMap(_dir.Path);
        _shuffle2 = TestModels.PixelShuffle(_dir.Path, 2);
    }

    public void Dispose() => _dir.Dispose();

    private static string Cbsd68 => TestPaths.EvalSet("CBSD68");

    private static string Sample => Path.Combine(TestPaths.RepoRoot, "samples", "astronaut.png");

    [SkippableFact]
    public void EvalDenoisePrintsTheReportItWritesAsTheMdAndJsonPair()
    {
        var basePath = _dir.File("id.md"); // a trailing .md is dropped: id.md + id.json
        var (exit, stdout, err) = CliRunner.Run("eval", "denoise", "--set", Cbsd68, "--add-noise", "25", "--limit", "2", "--peers", "none", "-m", _identity, "-m", _noiseMap, "--sigma", "auto", "-o", basePath);
        Assert.True(exit == 0, err);
        Assert.Equal(File.ReadAllText(_dir.File("id.md")), stdout);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
        Assert.Contains("eval: wrote ", err);
        using var json = JsonDocument.Parse(File.ReadAllText(_dir.File("id.json")));
        var report = json.RootElement;
        Assert.StartsWith("aepaint eval denoise --set ", report.GetProperty("command").GetString(), StringComparison.Ordinal);
        var c = report.GetProperty("conditions")[0];
        Assert.Equal(25, c.GetProperty("sigma").GetDouble());
        var methods = c.GetProperty("methods").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal(2, methods["identity"].GetProperty("images").GetArrayLength());
        Assert.Contains("estimated per image", methods["nmap"].GetProperty("settings").GetString()); // --sigma auto reached the library

        // A failing run leaves the earlier pair untouched.
        var before = File.ReadAllText(_dir.File("id.json"));
        var (fail, _, ferr) = CliRunner.Run("eval", "denoise", "--set", _dir.File("nowhere"), "-o", basePath);
        Assert.Equal(1, fail);
        Assert.Equal($"aepaint: error: {_dir.File("nowhere")}: folder not found", ferr.Trim());
        Assert.Equal(before, File.ReadAllText(_dir.File("id.json")));
    }

    [SkippableFact]
    public void EvalSrRecordsIntoTheCardAndRefusesRecordWithLimitOrPasses()
    {
        var (exit, report, err) = CliRunner.Run("eval", "sr", "--set", TestPaths.EvalSet("Set5"), "-s", "2", "-m", _shuffle2, "--no-ssim", "--record");
        Assert.True(exit == 0, err);
        Assert.Contains("| shuffle2 | ", report);
        Assert.Contains("eval: recorded in the card of ", err);
        var card = AePaint.OnnxFormat.OnnxModelFile.GetCard(AePaint.OnnxFormat.OnnxModelFile.Read(_shuffle2), _shuffle2)!;
        Assert.Equal("sr ×2", Assert.Single(card.Metrics, m => m.Dataset == "Set5" && m.Metric == "psnr").Condition);

        var (e2, _, err2) = CliRunner.Run("eval", "sr", "--set", TestPaths.EvalSet("Set5"), "-s", "2", "-m", _shuffle2, "--record", "--limit", "2");
        Assert.Equal(1, e2);
        Assert.Equal("aepaint: error: --record: not with --limit (a subset's means are not the set's figures)", err2.Trim());
        var (e3, _, err3) = CliRunner.Run("eval", "sr", "--set", TestPaths.EvalSet("Set5"), "-s", "2", "-m", _shuffle2, "--record", "--passes", "8");
        Assert.Equal(1, e3);
        Assert.Equal("aepaint: error: --record: not with --passes (a card's figures are for the model run once)", err3.Trim());
    }

    [SkippableFact]
    public void EvalRealSweepsTheToldSigmaAndChecksItsRange()
    {
        var (exit, report, err) = CliRunner.Run("eval", "real", "--set", TestPaths.EvalSet("SIDD_samples"), "--limit", "2", "--peers", "none", "--no-ssim", "-m", _noiseMap, "--sigma-sweep", "0,10");
        Assert.True(exit == 0, err);
        Assert.Contains($"| {SigmaSweep.RowName("nmap", 10)} | ", report);
        Assert.Contains($"| {SigmaSweep.OracleName("nmap")} | ", report);

        var (e2, _, err2) = CliRunner.Run("eval", "real", "--set", TestPaths.EvalSet("SIDD_samples"), "-m", _noiseMap, "--sigma-sweep", "5,300");
        Assert.Equal(1, e2);
        Assert.Equal("aepaint: error: --sigma-sweep 5,300: every σ must lie in 0..255", err2.Trim());
    }

    [SkippableFact]
    public void CompareWritesThePictureAndPrintsTheScoresAndNeverReplacesAFileUnasked()
    {
        var photo = Directory.GetFiles(Cbsd68, "*.png").Order(StringComparer.Ordinal).First();
        var target = _dir.File("cmp.png");
        var (exit, stdout, err) = CliRunner.Run("compare", photo, "--add-noise", "25", "-m", _identity, "--peers", "none", "--crop", "10,20,40,30", "--zoom", "2", "-o", target);
        Assert.True(exit == 0, err);
        Assert.Equal((3 * 80) + (4 * 6), ImageFile.Load(target).Width); // noisy | identity | ground truth, 6-pixel gaps
        Assert.Contains("| noisy σ 25 | ", stdout);
        Assert.Contains("| ground truth | reference |", stdout);
        Assert.Contains($"wrote {target} (", stdout);
        var rows = stdout.Split('\n').Where(l => l.StartsWith("| noisy", StringComparison.Ordinal) || l.StartsWith("| identity", StringComparison.Ordinal)).Select(l => l.Split('|')[2].Trim()).ToArray();
        Assert.Equal(rows[0], rows[1]); // identity = the 8-bit noisy image

        // The existing picture stops the next run before anything runs, unless --overwrite.
        var bytes = File.ReadAllBytes(target);
        var (e2, out2, err2) = CliRunner.Run("compare", photo, "--add-noise", "50", "--peers", "none", "-o", target);
        Assert.Equal(1, e2);
        Assert.Empty(out2);
        Assert.Contains("--overwrite", err2);
        Assert.Equal(bytes, File.ReadAllBytes(target));
        var (e3, _, err3) = CliRunner.Run("compare", photo, "--add-noise", "50", "--peers", "none", "--crop", "0,0,20,20", "-o", target, "--overwrite");
        Assert.True(e3 == 0, err3);
        Assert.NotEqual(bytes, File.ReadAllBytes(target));
    }

    [SkippableFact]
    public void WrongModelsAndBadValuesAreOneLineErrors()
    {
        var (e1, _, err1) = CliRunner.Run("eval", "denoise", "--set", Cbsd68, "-m", _shuffle2, "--limit", "1");
        Assert.Equal(1, e1);
        Assert.Contains("needs a denoise model", err1);
        var (e2, _, err2) = CliRunner.Run("eval", "sr", "--set", Cbsd68, "-m", _identity, "--limit", "1");
        Assert.Equal(1, e2);
        Assert.Contains("needs a super-resolution model", err2);
        var (e3, _, err3) = CliRunner.Run("eval", "denoise", "--set", Cbsd68, "--add-noise", "15,abc");
        Assert.Equal(1, e3);
        Assert.Equal("aepaint: error: --add-noise 15,abc: expected numbers separated by commas", err3.Trim());
        var (e4, _, err4) = CliRunner.Run("eval", "denoise", "--set", Cbsd68, "--peers", "bm3d");
        Assert.Equal(1, e4);
        Assert.Contains("unknown peer", err4);
        var (e5, _, err5) = CliRunner.Run("eval", "real", "--set", Cbsd68);
        Assert.Equal(1, e5);
        Assert.Contains("no noisy/clean pairs", err5);

        // A broken file in a set (loaded in parallel) is still one line naming the file.
        var broken = Directory.CreateDirectory(_dir.File("broken")).FullName;
        File.Copy(Directory.GetFiles(Cbsd68, "*.png").Order(StringComparer.Ordinal).First(), Path.Combine(broken, "a.png"));
        File.WriteAllBytes(Path.Combine(broken, "b.png"), []);
        var (e6, _, err6) = CliRunner.Run("eval", "sr", "--set", broken);
        Assert.Equal(1, e6);
        Assert.Single(err6.Trim().Split('\n'));
        Assert.Contains("b.png: file is empty", err6);
    }

    /// <summary>Issue 20: `--sigma` is only the σ told to a model; each old spelling stops with one line naming the new one.</summary>
    [Theory]
    [InlineData("--sigma 15,25,50 now means the σ told to the model; for noise added to clean images use --add-noise 15,25,50; here --sigma is true or auto", "eval", "denoise", "--set", "nowhere", "--sigma", "15,25,50")]
    [InlineData("--sigma-input auto: now --sigma auto (true or auto: what a noise-map model is told)", "eval", "denoise", "--set", "nowhere", "--sigma-input", "auto")]
    [InlineData("--sigmas 0,10: now --sigma-sweep 0,10 (fixed σ told to the model, swept per image)", "eval", "real", "--set", "nowhere", "--sigmas", "0,10")]
    [InlineData("--sigma 25 now means the σ told to the model; for noise added to clean images use --add-noise 25", "eval", "autopick", "--set", "nowhere", "-m", "a", "-m", "b", "--sigma", "25")]
    [InlineData("--sigma 50 now means the σ told to the model, for a real noisy photo (--noisy, --no-reference); for noise added to clean images use --add-noise 50", "compare", "SAMPLE", "--sigma", "50", "--peers", "none", "-o", "OUT")]
    [InlineData("--add-noise 50: not with --noisy, whose photo has its own noise (--sigma tells the models its level)", "compare", "SAMPLE", "--noisy", "SAMPLE", "--add-noise", "50", "--peers", "none", "-o", "OUT")]
    [InlineData("--sigma loud: use auto or a noise level in (0, 255]", "compare", "SAMPLE", "--noisy", "SAMPLE", "--sigma", "loud", "-o", "OUT")]
    public void OldSigmaSpellingsFailWithOneLineNamingTheNewOption(string message, params string[] args)
    {
        var picture = _dir.File("out.png");
        var (exit, stdout, err) = CliRunner.Run(args.Select(a => a switch { "SAMPLE" => Sample, "OUT" => picture, _ => a }).ToArray());
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Equal("aepaint: error: " + message, err.Trim());
        Assert.False(File.Exists(picture));
    }
}
