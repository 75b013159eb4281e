using AePaint.TestSupport;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>-o of train and export never replaces a model the user already has there, unless --overwrite.</summary>
public sealed class ModelTargetTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void ExportToAnExistingModelIsRefusedBeforeAnythingIsRead()
    {
        var mine = _dir.File("mine.onnx");
        File.WriteAllText(mine, "the user's model");
        var (exit, _, err) = TrainerRun.Cli("export", _dir.File("missing.ckpt"), "-o", mine);
        Assert.Equal(1, exit);
        Assert.Contains(mine + ": already exists; pass --overwrite to replace it", err, StringComparison.Ordinal);
        Assert.Equal("the user's model", File.ReadAllText(mine));

        // With --overwrite the target is accepted and the missing checkpoint is what fails.
        (exit, _, err) = TrainerRun.Cli("export", _dir.File("missing.ckpt"), "-o", mine, "--overwrite");
        Assert.Equal(1, exit);
        Assert.Contains("missing.ckpt", err, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingIntoAnExistingCardIsRefusedBeforeTraining()
    {
        var target = _dir.File("model.onnx");
        File.WriteAllText(_dir.File("model.json"), "{ \"the user's\": \"card\" }");
        var (exit, output, err) = TrainerRun.Cli("denoise", "--data", _dir.Path, "--steps", "1", "--run", _dir.File("run"), "-o", target);
        Assert.Equal(1, exit);
        Assert.Contains(_dir.File("model.json") + ": already exists; pass --overwrite", err, StringComparison.Ordinal);
        Assert.DoesNotContain("step", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("run")));
    }

    public void Dispose() => _dir.Dispose();
}
