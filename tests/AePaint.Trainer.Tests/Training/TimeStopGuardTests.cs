using AePaint.TestSupport;
using AePaint.Trainer.Training;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Training;

/// <summary>
/// A fine-tune that stops at its time budget between validations is judged on its last weights: real TorchSharp
/// steps from a barely trained base, the budget's clock moved by the test, the guard's verdict on the result.
/// </summary>
public sealed class TimeStopGuardTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void AWinFirstSeenAtTheTimeStopIsExported()
    {
        var (result, log) = FineTuneStoppedAt(15, learningRate: 2e-3);
        output.WriteLine(log);

        var verdict = FineTune.Judge(result.Base!, result.BestScore, result.BestStep, 0.05, "the-base", 1);
        output.WriteLine(verdict.Message);
        Assert.Equal(15, result.BestStep); // validations every 100 steps: only the time stop's saw these weights
        Assert.True(verdict.Export, verdict.Message);
        Assert.Contains("at step 15 (+", verdict.Message);
        Assert.Contains("exporting the fine-tuned model", verdict.Message);
        Assert.Equal(15, Checkpoint.Load(result.BestCheckpoint!, null, null).Step);
    }

    [Fact]
    public void NoGainByTheTimeStopIsSaidAndNothingIsExported()
    {
        var (result, log) = FineTuneStoppedAt(3, learningRate: 1e-9);
        output.WriteLine(log);

        var verdict = FineTune.Judge(result.Base!, result.BestScore, result.BestStep, 0.05, "the-base", 1);
        output.WriteLine(verdict.Message);
        Assert.Contains("time limit (1 min) reached at step 3", log);
        Assert.NotNull(result.Curve.Single(p => p.Step == 3).ValidationPsnr);
        Assert.False(verdict.Export);
        Assert.Contains("Nothing exported; keep using the-base", verdict.Message);
    }

    /// <summary>A base trained one step, then fine-tuned from it with validations every 100 steps until the clock jumps past the budget.</summary>
    private (TrainResult Result, string Log) FineTuneStoppedAt(int stopAfter, double learningRate)
    {
        var baseRun = new TrainingLoop(TrainingLoopTests.Options(1), new SyntheticData(32, 4), _dir.File($"base-{stopAfter}"), TextWriter.Null).Run(resume: false);
        var o = TrainingLoopTests.Options(1000);
        o = o with
        {
            Schedule = o.Schedule with { Minutes = 1, ValidateEvery = 100, CheckpointEvery = 100 },
            Optimiser = o.Optimiser with { LearningRate = learningRate },
            FineTune = o.FineTune with { From = baseRun.LastCheckpoint },
        };
        var clock = new ManualClock();
        var log = new StringWriter();
        var result = new TrainingLoop(o, new SyntheticData(32, 4), _dir.File($"ft-{stopAfter}"), log, clock).Run(resume: false, onStep: r =>
        {
            if (r.Step == stopAfter)
            {
                clock.Advance(TimeSpan.FromMinutes(2));
            }
        });
        Assert.Equal(stopAfter, result.Steps);
        return (result, log.ToString());
    }

    public void Dispose() => _dir.Dispose();
}
