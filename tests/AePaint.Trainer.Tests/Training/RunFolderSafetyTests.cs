using System.Security.Cryptography;
using AePaint.TestSupport;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Tests.Cli;
using AePaint.Trainer.Training;
using TorchSharp;

namespace AePaint.Trainer.Tests.Training;

/// <summary>Issue 16 rows 7–9: an existing run folder is never overwritten; damaged checkpoints are named and skipped or refused.</summary>
public sealed class RunFolderSafetyTests : IDisposable
{
    private readonly TempDir _dir = new();

    // Validation off (it would add samples, not checkpoints); three step files kept so an older one is there to fall back on.
    private static TrainOptions Options(long steps) => Options(TrainingLoopTests.Options(steps));

    private static TrainOptions Options(TrainOptions o) => o with { Schedule = o.Schedule with { ValidateEvery = 100, KeepCheckpoints = 3 } };

    [SkippableFact]
    public void RerunningIntoAnExistingRunFolderWithoutResumeIsRefusedAndChangesNothing()
    {
        var photos = TrainerRun.Photos(_dir);
        var run = _dir.File("run");
        string[] args = ["denoise", "--data", photos, "--steps", "2", "--batch", "2", "--patch", "32", "--preset", "tiny", "--run", run, "--name", "t-rerun"];
        var first = TrainerRun.Cli(args);
        Assert.True(first.Exit == 0, first.Err);
        var before = Snapshot(run);
        Assert.Contains(before.Keys, k => k.EndsWith("t-rerun.onnx", StringComparison.Ordinal));

        var second = TrainerRun.Cli(args);

        Assert.Equal(1, second.Exit);
        Assert.Contains(run + ": already exists and is not empty", second.Err, StringComparison.Ordinal);
        Assert.Contains("--resume", second.Err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(run));
    }

    [Fact]
    public void ResumeSkipsATruncatedNewestCheckpointNamingIt()
    {
        var run = _dir.File("truncated");
        new TrainingLoop(Options(6), new SyntheticData(32, 4), run, TextWriter.Null).Run(resume: false);
        var newest = Path.Combine(Checkpoint.Folder(run), "step-00000006.ckpt");
        var bytes = File.ReadAllBytes(newest);
        File.WriteAllBytes(newest, bytes[..(bytes.Length / 2)]); // as a copy killed half-way leaves it
        var log = new StringWriter();

        var resumed = new TrainingLoop(Options(8), new SyntheticData(32, 4), run, log).Run(resume: true);

        Assert.Contains("step-00000006.ckpt: checkpoint is truncated", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("resumed from " + Path.Combine(Checkpoint.Folder(run), "step-00000004.ckpt") + " at step 4", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(8, resumed.Steps);
    }

    [Fact]
    public void CorruptWeightsOfTheRightLengthAreRefusedOnLoad()
    {
        var run = _dir.File("corrupt");
        new TrainingLoop(Options(2), new SyntheticData(32, 4), run, TextWriter.Null).Run(resume: false);
        var path = Path.Combine(Checkpoint.Folder(run), "step-00000002.ckpt");
        var bytes = File.ReadAllBytes(path);
        Array.Fill(bytes, (byte)0xFF, bytes.Length - 4096, 64); // NaN bit patterns inside the tensors, same length
        File.WriteAllBytes(path, bytes);
        using var net = TrainableNet.Create(Inference.Cards.ModelTask.Denoise, "tiny", 1, 7);

        var e = Assert.Throws<TrainerException>(() => Checkpoint.Load(path, net, null));

        Assert.Equal($"{path}: checkpoint is corrupt: its weights fail their SHA-256 check", e.Message);
        var all = Assert.Throws<TrainerException>(() => new TrainingLoop(Options(4), new SyntheticData(32, 4), run, TextWriter.Null).Run(resume: true));
        Assert.Contains("no readable checkpoint", all.Message, StringComparison.Ordinal);
        Assert.Contains("step-00000002.ckpt", all.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIntactCheckpointRoundTripsItsWeights()
    {
        var run = _dir.File("intact");
        new TrainingLoop(Options(2), new SyntheticData(32, 4), run, TextWriter.Null).Run(resume: false);
        using var net = TrainableNet.Create(Inference.Cards.ModelTask.Denoise, "tiny", 1, 99);
        var first = net.Module.parameters().First().clone();

        var state = Checkpoint.Load(Path.Combine(Checkpoint.Folder(run), "step-00000002.ckpt"), net, null);

        Assert.Equal(2, state.Step);
        Assert.False(first.equal(net.Module.parameters().First()).all().item<bool>(), "weights were loaded over the fresh ones");
    }

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) + File.GetLastWriteTimeUtc(f).Ticks);
}
