using AePaint.TestSupport;
using AePaint.Trainer.Training;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Training;

/// <summary>The loop with real TorchSharp steps: it learns, resumes exactly, and stops cleanly on divergence.</summary>
public sealed class TrainingLoopTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    internal static TrainOptions Options(long steps) => new()
    {
        Task = "denoise",
        Network = new() { Preset = "tiny" },
        Data = new() { Folders = ["synthetic"], PatchSize = 32, BatchSize = 4 },
        Schedule = new() { Steps = steps, WarmupSteps = 2, ValidateEvery = 10, CheckpointEvery = 2, KeepCheckpoints = 2 },
        Optimiser = new() { LearningRate = 2e-3 },
        Run = new() { Seed = 7 },
    };

    [Fact]
    public void LossDecreasesWithinAFewDozenSteps()
    {
        var run = _dir.File("learn");
        var result = new TrainingLoop(Options(40), new SyntheticData(32, 4), run, TextWriter.Null).Run(resume: false);
        var losses = result.Curve.Select(p => p.Loss).ToArray();
        output.WriteLine(string.Join(" ", losses.Select(l => l.ToString("F4", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(40, result.Steps);
        Assert.True(losses.TakeLast(5).Average() < losses.Take(5).Average() * 0.7, "loss did not fall by 30 %");
        var psnr = result.Curve.Where(p => p.ValidationPsnr.HasValue).Select(p => p.ValidationPsnr!.Value).ToArray();
        Assert.Equal(4, psnr.Length);
        Assert.True(psnr[^1] > psnr[0], $"validation PSNR did not improve: {string.Join(", ", psnr)}");
        Assert.True(File.Exists(Path.Combine(run, "curve.png")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "samples"), "*.png"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "tensorboard"), "*", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(run, "options.json")));
        Assert.Equal(2, Directory.GetFiles(Checkpoint.Folder(run), "step-*.ckpt").Length);
    }

    [Fact]
    public void ResumeEqualsAnUninterruptedRun()
    {
        var straight = new TrainingLoop(Options(8), new SyntheticData(32, 4), _dir.File("a"), TextWriter.Null).Run(resume: false);

        var runB = _dir.File("b");
        using (var cts = new CancellationTokenSource())
        {
            var first = new TrainingLoop(Options(8), new SyntheticData(32, 4), runB, TextWriter.Null)
                .Run(resume: false, cts.Token, r =>
                {
                    if (r.Step == 5)
                    {
                        cts.Cancel();
                    }
                });
            Assert.True(first.Cancelled);
            Assert.Equal(5, first.Steps);
        }

        var resumed = new TrainingLoop(Options(8), new SyntheticData(32, 4), runB, TextWriter.Null).Run(resume: true);
        Assert.Equal(8, resumed.Steps);
        var a = straight.Curve.Select(p => p.Loss).ToArray();
        var b = resumed.Curve.Select(p => p.Loss).ToArray();
        output.WriteLine("straight: " + string.Join(" ", a));
        output.WriteLine("resumed:  " + string.Join(" ", b));
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-6 * Math.Max(1, Math.Abs(a[i])), $"step {i + 1}: {a[i]} vs {b[i]}");
        }
    }

    [Theory]
    [InlineData(13)]
    [InlineData(20)]
    public void ATimeStopValidatesTheLastStepOnceAndLetsItBeTheBest(int stopAfter)
    {
        var run = _dir.File($"time-{stopAfter}");
        var clock = new ManualClock();
        var log = new StringWriter();
        var o = Options(100);
        o = o with { Schedule = o.Schedule with { Minutes = 1, CheckpointEvery = 50 } };
        var result = new TrainingLoop(o, new SyntheticData(32, 4), run, log, clock).Run(resume: false, onStep: r =>
        {
            if (r.Step == stopAfter)
            {
                clock.Advance(TimeSpan.FromMinutes(2));
            }
        });
        output.WriteLine(log.ToString());

        Assert.False(result.Cancelled);
        Assert.Equal(stopAfter, result.Steps);
        var validated = result.Curve.Where(p => p.ValidationPsnr.HasValue).Select(p => p.Step).ToArray();
        Assert.Equal(stopAfter == 13 ? [10L, 13L] : [10L, 20L], validated);
        Assert.Equal(stopAfter == 13 ? 1 : 0, log.ToString().Split('\n').Count(l => l.StartsWith("time limit (1 min) reached at step 13:", StringComparison.Ordinal)));

        // The last weights are scored against the earlier validation: best.ckpt holds whichever scored higher.
        var scores = result.Curve.Where(p => p.ValidationPsnr.HasValue).ToArray();
        var winner = scores.MaxBy(p => p.ValidationPsnr!.Value)!;
        Assert.Equal(winner.Step, result.BestStep);
        Assert.NotNull(result.BestCheckpoint);
        Assert.Equal(winner.Step, Checkpoint.Load(result.BestCheckpoint!, null, null).Step);
        Assert.Equal(stopAfter, Checkpoint.Load(result.LastCheckpoint, null, null).Step);
    }

    [Fact]
    public void NanLossStopsAndKeepsTheLastGoodCheckpoint()
    {
        var run = _dir.File("nan");
        var e = Assert.Throws<TrainingDivergedException>(() =>
            new TrainingLoop(Options(10), new SyntheticData(32, 4, poison: true), run, TextWriter.Null).Run(resume: false));
        Assert.Contains("NaN", e.Message);
        Assert.Contains("step 3", e.Message);
        var kept = Checkpoint.Latest(run);
        Assert.NotNull(kept);
        Assert.Equal(2, Checkpoint.Load(kept!, null, null).Step);
        Assert.Empty(Directory.GetFiles(Checkpoint.Folder(run), "*.tmp"));
    }

    [Fact]
    public void BadOptionsAreNamed()
    {
        var o = Options(10);
        var problems = (o with { Data = o.Data with { PatchSize = 30 }, Task = "deblur", Degradation = new() { Noise = new() { SigmaMax = 300 } } }).Problems();
        Assert.Contains("data.patchSize: 30 is not allowed; allowed: a multiple of 8 in 16..512", problems);
        Assert.Contains("task: 'deblur' is not allowed; allowed: denoise, sr", problems);
        Assert.Contains("degradation.noise.sigmaMax: 300 is out of range; allowed 0..255 (and ≥ sigmaMin)", problems);
    }

    [Fact]
    public void OptionsFileWithUnknownKeyIsRefused()
    {
        var path = _dir.File("opts.json");
        File.WriteAllText(path, "{ \"task\": \"denoise\", \"optimiser\": { \"learningRat\": 0.1 } }");
        var e = Assert.Throws<TrainerException>(() => TrainOptions.Load(path));
        Assert.Equal($"{path}: optimiser.learningRat: unknown key; allowed here: learningRate, weightDecay, gradClip, ema, loss", e.Message);
    }

    public void Dispose() => _dir.Dispose();
}

public sealed class LrScheduleTests
{
    [Fact]
    public void WarmsUpThenAnnealsToTheMinimum()
    {
        Assert.Equal(1e-3 / 10, LrSchedule.At(0, 100, 10, 1e-3, 1e-6), 12);
        Assert.Equal(1e-3, LrSchedule.At(10, 100, 10, 1e-3, 1e-6), 12);
        Assert.Equal(1e-6, LrSchedule.At(100, 100, 10, 1e-3, 1e-6), 12);
        Assert.True(LrSchedule.At(50, 100, 10, 1e-3, 1e-6) < 1e-3);
    }

    [Fact]
    public void TimeBudgetMovesTheScheduleWhenItRunsAheadOfSteps()
    {
        Assert.Equal(10, LrSchedule.EffectiveStep(10, 1000, 30, null));
        Assert.Equal(500, LrSchedule.EffectiveStep(10, 1000, 30, 1.0));
        Assert.Equal(900, LrSchedule.EffectiveStep(900, 1000, 30, 1.0));
        Assert.Equal(1000, LrSchedule.EffectiveStep(10, 1000, 120, 1.0));
    }
}
