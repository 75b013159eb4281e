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
        var (exit, output, err) = CliRunner.Run("bench", "-m", box, "-m", shuffle, "--mp", "0.05", "--tiles", "64,128", "--big-mp", "0", "--overhead-mp", "0.05");
        Assert.True(exit == 0, err);
        var peak = Regex.Match(output, @"conv peak \(CPU[^)]*\): ([0-9.]+) GFLOP/s");
        Assert.True(peak.Success, output);
        Assert.True(double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) > 0.1);
        Assert.Equal(2, Regex.Matches(output, @"^\| 64 \| \d+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \|$", RegexOptions.Multiline).Count);
        Assert.Equal(2, Regex.Matches(output, @"^\| 128 \| ", RegexOptions.Multiline).Count);
        Assert.Equal(2, Regex.Matches(output, @"tiling overhead \(223×223\): tile \d+ [0-9.]+ s vs whole image [0-9.]+ s = [+-]?\d+ %").Count);
        Assert.Contains("output ×2", output);
    }

    [Fact]
    public void PassesAreMeasuredAndSaidWhenAsked()
    {
        var box = TestModels.BoxBlur(_dir.Path, layers: 2);
        var (exit, output, err) = CliRunner.Run("bench", "-m", box, "--mp", "0.05", "--tiles", "64", "--big-mp", "0", "--overhead-mp", "0", "--passes", "4");
        Assert.True(exit == 0, err);
        Assert.Contains("self-ensemble of 4 passes", output);
        Assert.Single(Regex.Matches(output, @"^\| 64 \| \d+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \|$", RegexOptions.Multiline));
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
