using System.Globalization;
using System.Text.RegularExpressions;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>`aepaint bench` prints the conv peak, a row per tile size, efficiency and tiling overhead per model.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void PrintsEveryFigureForEachNamedModel()
    {
        var box = TestModels.BoxBlur(_dir.Path, layers: 2);
        var shuffle = TestModels.PixelShuffle(_dir.Path, 2);
        var (exit, output, err) = CliRunner.Run("bench", "-m", box, "-m", shuffle, "--mp", "0.05", "--tiles", "64,128", "--big-mp", "0", "--overhead-mp", "0.05", "--photo-mp", "0");
        Assert.True(exit == 0, err);
        var peak = Regex.Match(output, @"conv peak \(CPU[^)]*\): ([0-9.]+) GFLOP/s");
        Assert.True(peak.Success, output);
        Assert.True(double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) > 0.1);
        Assert.Equal(2, Regex.Matches(output, @"^\| 64 \| \d+ \| \d+ \| [0-9.]+× \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \|$", RegexOptions.Multiline).Count);
        Assert.Equal(2, Regex.Matches(output, @"^\| 128 \| ", RegexOptions.Multiline).Count);
        Assert.Equal(2, Regex.Matches(output, @"side by side \(tile \d+, \d+ tiles\): .* interleaved \(s\): [0-9.]+/[0-9.]+, [0-9.]+/[0-9.]+, [0-9.]+/[0-9.]+; best [0-9.]+ vs [0-9.]+ MP/s = [+-]?\d+ % \((load average [0-9.]+ on )?\d+ cores\)").Count);
        Assert.Equal(2, Regex.Matches(output, @"tiling overhead \(223×223\): tile \d+ \(\d+ windows reading [0-9.]+× the image, \d+×\d+\) [0-9.]+ s vs whole image [0-9.]+ s = [+-]?\d+ %, one window at a time; the model alone on those windows [+-]?\d+ %, so the engine's reads, blends and writes [+-]?\d+ %; as the CLI runs it \([^)]*\) [0-9.]+ s = [+-]?\d+ %\. Against the engine with one window on the whole image \(the same 8-bit reads and writes, no seams; tile \d+\) [0-9.]+ s: tiled [+-]?\d+ %, as the CLI [+-]?\d+ %\. Best of 3 interleaved rounds, whole/tiled/model alone/as the CLI/engine on the whole image \(s\): ([0-9.]+/){4}[0-9.]+, ([0-9.]+/){4}[0-9.]+, ([0-9.]+/){4}[0-9.]+ \((load average [0-9.]+ on )?\d+ cores\)").Count);
        Assert.Contains("output ×2", output);
    }

    [Fact]
    public void WithoutModelsNamedEveryShippedModelIsMeasuredDenoisersFirst()
    {
        // The shipped folder itself is the list: a model added or renamed there is benched without editing bench.
        var shipped = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "models"), "*.onnx").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        using var folder = new Commands.BenchModelFolder();
        var measured = folder.DefaultModels().Select(Path.GetFileName).ToList();
        Assert.Contains("sr-x4-real.onnx", measured);
        Assert.Equal(shipped, measured.Order(StringComparer.Ordinal));
        Assert.StartsWith("denoise", measured[0], StringComparison.Ordinal);
        Assert.True(measured.FindLastIndex(m => m!.StartsWith("sr-x2", StringComparison.Ordinal)) < measured.FindIndex(m => m!.StartsWith("sr-x4", StringComparison.Ordinal)), string.Join(", ", measured));
    }

    [Fact]
    public void PassesAreMeasuredAndSaidWhenAsked()
    {
        var box = TestModels.BoxBlur(_dir.Path, layers: 2);
        var (exit, output, err) = CliRunner.Run("bench", "-m", box, "--mp", "0.05", "--tiles", "64", "--big-mp", "0", "--overhead-mp", "0", "--photo-mp", "0", "--passes", "4");
        Assert.True(exit == 0, err);
        Assert.Contains("self-ensemble of 4 passes", output);
        Assert.Single(Regex.Matches(output, @"^\| 64 \| \d+ \| \d+ \| [0-9.]+× \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \|$", RegexOptions.Multiline));
    }

    [Fact]
    public void ProfileOverlapSweepThreadingAndPhotoAreReported()
    {
        // A 4-layer box blur whose card claims more overlap than it needs: the sweep finds 4 and records it.
        var box = TestModels.BoxBlur(_dir.Path, layers: 4, TestModels.DenoiseCard("box4", receptiveField: 4) with { TileOverlap = 9, MacsPerPixel = 4 * 27 });
        var (exit, output, err) = CliRunner.Run("bench", "-m", box, "--mp", "0.02", "--tiles", "64", "--big-mp", "0", "--overhead-mp", "0",
            "--photo-mp", "0.05", "--profile", "--overlaps", "1,4,8", "--record", "--threading");
        Assert.True(exit == 0, err + output);
        Assert.Matches(@"\| Conv \| compute \| 4 \| [0-9.]+ \| [0-9.]+ % \|", output);
        Assert.Matches(@"convolutions alone: [0-9.]+ GFLOP/s", output);
        Assert.Single(Regex.Matches(output, @"^efficiency: .*\nbelow 60 %, why \(ORT profile of one 512×512 window, 3 runs apart from the timed ones, [^)]*\): Conv kernels at \d+ % of the peak", RegexOptions.Multiline));
        Assert.Single(Regex.Matches(output, @"^profile: ", RegexOptions.Multiline)); // --profile's table reuses that profile
        Assert.Contains("smallest overlap within 0.5 levels of a whole-image run: 4", output);
        Assert.Contains("card tile overlap 9 → 4", output);
        using (var reread = Inference.ModelSession.Open(box, Inference.ExecutionDevice.Cpu))
        {
            Assert.Equal(4, reread.Card.TileOverlap);
        }

        Assert.Equal(5, Regex.Matches(output, @"^\| [^|]*(session|sessions)[^|]* \| [0-9.]+ \| [0-9.]+ \|$", RegexOptions.Multiline).Count);
        Assert.Matches(@"AePaint end to end: [0-9.]+ s = session [0-9.]+ \+ decode [0-9.]+ \+ estimate [0-9.]+ \+ model [0-9.]+ \+ encode [0-9.]+ \(as PNG instead: [0-9.]+\); .* peak RSS [0-9.]+ GB", output);
        Assert.Matches(@"PSNR vs clean: noisy JPEG [0-9.]+ dB, AePaint [0-9.]+ dB \([+-][0-9.]+ dB\) as PNG like dctdnoiz.s below, [0-9.]+ dB \([+-][0-9.]+ dB\) as the default JPEG", output);
        Assert.Matches(@"ffmpeg dctdnoiz( \(σ 10 given|: not installed)", output);
    }

    [Fact]
    public void AShippedModelBelowTheThresholdIsExplainedFromItsProfile()
    {
        // 1000 %: any efficiency is below it, however the load swings between the peak probe and the timed runs.
        var denoiser = Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx");
        var (exit, output, err) = CliRunner.Run("bench", "-m", denoiser, "--mp", "0.05", "--tiles", "128", "--big-mp", "0", "--overhead-mp", "0", "--photo-mp", "0", "--explain-below", "1000");
        Assert.True(exit == 0, err + output);
        var line = Regex.Match(output, @"^efficiency: .*\n(below 1000 %, why \(ORT profile of one 512×512 window, 3 runs apart from the timed ones, [^)]*\): Conv kernels at (\d+) % of the peak, all kernels at (\d+) %; (.*) of kernel time( \(ORT has no NCHWc kernel for [^)]*\))? — without (?:it|them) (\d+) %)$", RegexOptions.Multiline);
        Assert.True(line.Success, output);
        int conv = int.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture), all = int.Parse(line.Groups[3].Value, CultureInfo.InvariantCulture), without = int.Parse(line.Groups[6].Value, CultureInfo.InvariantCulture);
        Assert.True(all <= without && without <= conv, line.Groups[1].Value);
        // ORT blocks the U-Net's convs (NCHWc), so reorders are always named; whether DepthToSpace passes 2 % of kernel
        // time on a busy test machine is not pinned here (PeakShortfallTests checks it is measured).
        Assert.Matches(@"NCHWc reorders \d+ %", line.Groups[4].Value);
        if (line.Groups[4].Value.Contains("DepthToSpace", StringComparison.Ordinal))
        {
            Assert.Contains("no NCHWc kernel for DepthToSpace", line.Groups[5].Value, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("profile: ", output); // the table only with --profile
    }

    [Fact]
    public void AtOrAboveTheThresholdNothingIsProfiled()
    {
        var box = TestModels.BoxBlur(_dir.Path, layers: 2, TestModels.DenoiseCard("box2") with { MacsPerPixel = 2 * 27 });
        var (exit, output, err) = CliRunner.Run("bench", "-m", box, "--mp", "0.02", "--tiles", "64", "--big-mp", "0", "--overhead-mp", "0", "--photo-mp", "0", "--explain-below", "0");
        Assert.True(exit == 0, err + output);
        Assert.Contains("efficiency: ", output);
        Assert.DoesNotContain("why (ORT profile", output);
    }

    [Fact]
    public void RecordWithoutAnOverlapSweepIsRefused()
    {
        var box = TestModels.BoxBlur(_dir.Path, layers: 2);
        var (exit, _, err) = CliRunner.Run("bench", "-m", box, "--record", "--big-mp", "0", "--photo-mp", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("--record goes with --overlaps", err);
    }

    [Fact]
    public void AnUnknownModelIsAnErrorNamingIt()
    {
        var (exit, _, err) = CliRunner.Run("bench", "-m", _dir.File("missing.onnx"), "--big-mp", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("missing.onnx", err);
    }

    public void Dispose() => _dir.Dispose();
}
