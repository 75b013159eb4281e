using AePaint.Inference;
using AePaint.TestSupport;
using AePaint.Trainer.Training;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>`aepaint-train sr --channels-last`: the log names the layout, the run exports and snapshots, and resumes in NCHW.</summary>
public sealed class ChannelsLastCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void ChannelsLastRunSaysSoExportsSnapshotsAndResumesInNchw()
    {
        var photos = TrainerRun.Photos(_dir);
        var recipe = _dir.File("recipe.json");
        File.WriteAllText(recipe, """{ "task": "sr", "network": { "scale": 2, "preset": "quality" }, "optimiser": { "ema": 0.99 }, "data": { "patchSize": 16, "batchSize": 2 }, "schedule": { "steps": 4, "validateEvery": 2, "checkpointEvery": 2 } }""");
        var run = _dir.File("run");
        var (exit, text, err) = TrainerRun.Cli("sr", "--options", recipe, "--data", photos, "--run", run, "--name", "nhwc", "--channels-last");
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("; layout channels-last (NHWC)", text);
        Assert.Contains("\"channelsLast\": true", File.ReadAllText(Path.Combine(run, "options.json")));
        using (var model = ModelSession.Open(Path.Combine(run, "nhwc.onnx"), ExecutionDevice.Cpu))
        {
            Assert.Equal("aepaint-span-quality", model.Card.Architecture);
        }

        (exit, text, err) = TrainerRun.Cli("snapshot", run, "-o", _dir.File("latest.ckpt"));
        Assert.True(exit == 0, err);
        Assert.True(Checkpoint.Load(_dir.File("latest.ckpt"), null, null).Snapshot);

        (exit, text, err) = TrainerRun.Cli("sr", "--options", recipe, "--data", photos, "--run", run, "--name", "nhwc", "--resume", "--steps", "6");
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("; layout NCHW", text);
        Assert.Contains("resumed from", text);
        Assert.DoesNotContain("channelsLast", File.ReadAllText(Path.Combine(run, "options.json")));
        Assert.Equal(6, Checkpoint.Load(Checkpoint.Latest(run)!, null, null).Step);
    }

    public void Dispose() => _dir.Dispose();
}
