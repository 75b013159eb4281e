using AePaint.TestSupport;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>
/// `aepaint-train bench --recipe`: each recipe's net runs real steps at the recipe's shape with its clipping and EMA,
/// once per round (a wrong shape, scale or loss would fail the step). Times are printed, not asserted.
/// </summary>
public sealed class BenchCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void RecipesAreBenchedAtTheirShapesInInterleavedRounds()
    {
        var denoise = Recipe("denoise", "\"preset\": \"tiny\"", batch: 2, patch: 32);
        var sr = Recipe("sr", "\"preset\": \"tiny\", \"scale\": 4", batch: 3, patch: 16);
        var (exit, text, err) = TrainerRun.Cli("bench", "--recipe", denoise, sr, "--steps", "1", "--rounds", "2");
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        var rows = text.Split('\n').Where(l => l.StartsWith("| 1 |", StringComparison.Ordinal) || l.StartsWith("| 2 |", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray()).ToList();
        Assert.Equal(
            ["1 aepaint-unet-tiny ×1 2 × 32²", "1 aepaint-srres-tiny ×4 3 × 16²", "2 aepaint-unet-tiny ×1 2 × 32²", "2 aepaint-srres-tiny ×4 3 × 16²"],
            rows.Select(r => $"{r[0]} {r[1]} {r[2]}"));
        Assert.All(rows, r => Assert.Equal(12, r.Length));
    }

    [Fact]
    public void ChannelsLastTimesEachNetInBothLayoutsOneAfterTheOther()
    {
        var denoise = Recipe("denoise", "\"preset\": \"tiny\"", batch: 2, patch: 32);
        var (exit, text, err) = TrainerRun.Cli("bench", "--recipe", denoise, "--steps", "1", "--channels-last");
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        var nets = text.Split('\n').Where(l => l.StartsWith("| 1 |", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|')[1].Trim()).ToList();
        Assert.Equal(["aepaint-unet-tiny ×1", "aepaint-unet-tiny ×1, channels-last"], nets);
    }

    private string Recipe(string task, string network, int batch, int patch)
    {
        var path = _dir.File($"{task}.json");
        File.WriteAllText(path, $$"""
            {
              "task": "{{task}}",
              "network": { {{network}} },
              "data": { "folders": ["unused"], "patchSize": {{patch}}, "batchSize": {{batch}} },
              "optimiser": { "learningRate": 1e-4, "weightDecay": 1e-4, "loss": "l2", "gradClip": 1.0, "ema": 0.9 }
            }
            """);
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
