using AePaint.ImageFiles;
using AePaint.Inference;
using AePaint.TestSupport;
using AePaint.Trainer.Training;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>`aepaint-train sr --preset quality` (SPAN-style, EMA) end to end, then `aepaint-train snapshot` of its run.</summary>
public sealed class SnapshotCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void QualitySrRunExportsThenSnapshotsAndNeverReplacesAStrangersFile()
    {
        var photos = TrainerRun.Photos(_dir);
        var recipe = _dir.File("recipe.json");
        File.WriteAllText(recipe, """{ "task": "sr", "network": { "scale": 2, "preset": "quality" }, "optimiser": { "ema": 0.99 }, "data": { "patchSize": 24, "batchSize": 2 }, "schedule": { "steps": 4, "validateEvery": 2, "checkpointEvery": 2 } }""");
        var run = _dir.File("run");
        var (exit, text, err) = TrainerRun.Cli("sr", "--options", recipe, "--data", photos, "--run", run, "--name", "span-test");
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        using (var model = ModelSession.Open(Path.Combine(run, "span-test.onnx"), ExecutionDevice.Cpu))
        {
            Assert.Equal("aepaint-span-quality", model.Card.Architecture);
            var photo = ImageFile.Load(Directory.GetFiles(photos).Order().First());
            var (result, _) = TiledRunner.Run(model, photo, new RunSettings { TileSize = 64 });
            Assert.Equal(photo.Width * 2, result.Width);
        }

        var snapshot = _dir.File("latest.ckpt");
        (exit, text, err) = TrainerRun.Cli("snapshot", run, "-o", snapshot);
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("step 4", text);
        var state = Checkpoint.Load(snapshot, null, null);
        Assert.True(state.Snapshot && state.HasEma && !state.HasOptimizer);

        // Replacing its own snapshot is fine; a file that is not a checkpoint is left alone, with one error line.
        Assert.Equal(0, TrainerRun.Cli("snapshot", run, "-o", snapshot).Exit);
        var stranger = _dir.File("notes.ckpt");
        File.WriteAllText(stranger, "my notes");
        (exit, _, err) = TrainerRun.Cli("snapshot", run, "-o", stranger);
        Assert.Equal(1, exit);
        Assert.Contains("notes.ckpt", err);
        Assert.Equal("my notes", File.ReadAllText(stranger));
    }

    public void Dispose() => _dir.Dispose();
}
