using AePaint.Inference.Cards;
using AePaint.TestSupport;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Training;

/// <summary>
/// The weight EMA (its recurrence, exact resume, what validation and export use) and the committable snapshot of
/// the quality denoiser: ≤ 10 MB, and a run resumes from it.
/// </summary>
public sealed class EmaAndSnapshotTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    private static TrainOptions Options(long steps, string preset = "tiny") => new()
    {
        Task = "denoise",
        Network = new() { Preset = preset },
        Data = new() { Folders = ["synthetic"], PatchSize = 32, BatchSize = 2 },
        Schedule = new() { Steps = steps, WarmupSteps = 2, ValidateEvery = 4, CheckpointEvery = 2, KeepCheckpoints = 2 },
        Optimiser = new() { LearningRate = 1e-3, Ema = 0.9 },
        Run = new() { Seed = 7 },
    };

    [Fact]
    public void EmaFollowsItsRecurrence()
    {
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, 1);
        using var ema = new WeightEma(net, 0.9);
        using var other = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, 2);
        WeightTransfer.Copy(other, net, "other");
        ema.Update(net, step: 100);
        using var start = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, 1);
        double d = WeightEma.DecayAt(0.9, 100);
        Assert.Equal(0.9, d);
        Assert.Equal(0.1 / 1.0, WeightEma.DecayAt(0.9, 0), 12); // ramp: (1 + 0) / (10 + 0)
        foreach (var ((e, w), s) in ema.Net.Module.parameters().Zip(net.Module.parameters()).Zip(start.Module.parameters()))
        {
            using var scope = NewDisposeScope();
            var expected = s.Times(d).Plus(w.Times(1 - d));
            Assert.True((e - expected).abs().max().item<float>() < 1e-6f);
        }
    }

    [Fact]
    public void ResumeWithEmaEqualsAnUninterruptedRunAndValidatesTheAverage()
    {
        var straightDir = _dir.File("a");
        var straight = new TrainingLoop(Options(8), new SyntheticData(32, 2), straightDir, TextWriter.Null).Run(resume: false);
        var runB = _dir.File("b");
        using (var cts = new CancellationTokenSource())
        {
            new TrainingLoop(Options(8), new SyntheticData(32, 2), runB, TextWriter.Null).Run(resume: false, cts.Token, r =>
            {
                if (r.Step == 5)
                {
                    cts.Cancel();
                }
            });
        }

        var resumed = new TrainingLoop(Options(8), new SyntheticData(32, 2), runB, TextWriter.Null).Run(resume: true);
        Assert.Equal(straight.Curve.Select(p => p.Loss), resumed.Curve.Select(p => p.Loss));
        Assert.Equal(straight.Curve.Select(p => p.ValidationPsnr), resumed.Curve.Select(p => p.ValidationPsnr));

        // The checkpoint holds the EMA, the validated PSNR is the EMA's, and the export reads the EMA.
        TorchRuntime.Initialize();
        using var trained = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, 7);
        using var averaged = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, 7);
        var state = Checkpoint.Load(straight.LastCheckpoint, trained, null, averaged);
        Assert.True(state.HasEma);
        double gap = trained.Module.parameters().Zip(averaged.Module.parameters()).Max(p => MaxAbsDifference(p.First, p.Second));
        Assert.True(gap > 1e-5, "EMA equals the trained weights: it is not averaging");
        var data = new SyntheticData(32, 2);
        var validator = new Validator(data.Validation, _dir.File("v"), ModelTask.Denoise, Options(8));
        Assert.Equal(straight.Curve[^1].ValidationPsnr!.Value, validator.Run(averaged, 8, samples: false).Psnr, 9);
        using var exported = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, 7);
        Checkpoint.LoadInferenceWeights(straight.LastCheckpoint, exported);
        Assert.All(exported.Module.parameters().Zip(averaged.Module.parameters()), p => Assert.Equal(0, MaxAbsDifference(p.First, p.Second)));
    }

    [Fact]
    public void QualitySnapshotFitsTenMegabytesAndARunResumesFromIt()
    {
        var run = _dir.File("q");
        var first = new TrainingLoop(Options(4, "quality"), new SyntheticData(32, 2), run, TextWriter.Null).Run(resume: false);
        long full = new FileInfo(first.LastCheckpoint).Length;

        var snapshot = _dir.File("latest.ckpt");
        var state = Checkpoint.WriteSnapshot(first.LastCheckpoint, snapshot);
        long size = new FileInfo(snapshot).Length;
        output.WriteLine($"quality denoiser: full checkpoint {full / 1e6:F1} MB, snapshot {size / 1e6:F2} MB at step {state.Step}");
        Assert.True(size <= 10_000_000, $"snapshot {size} bytes");
        Assert.True(size < full / 3);

        // Snapshot weights are the checkpoint's within float16 rounding.
        TorchRuntime.Initialize();
        using var a = TrainableNet.Create(ModelTask.Denoise, "quality", 1, 7);
        using var aEma = TrainableNet.Create(ModelTask.Denoise, "quality", 1, 7);
        using var b = TrainableNet.Create(ModelTask.Denoise, "quality", 1, 7);
        using var bEma = TrainableNet.Create(ModelTask.Denoise, "quality", 1, 7);
        Checkpoint.Load(first.LastCheckpoint, a, null, aEma);
        var loaded = Checkpoint.Load(snapshot, b, null, bEma);
        Assert.True(loaded.Snapshot && loaded.HasEma && !loaded.HasOptimizer);
        foreach (var (x, y) in a.Module.parameters().Concat(aEma.Module.parameters()).Zip(b.Module.parameters().Concat(bEma.Module.parameters())))
        {
            using var scope = NewDisposeScope();
            Assert.True((x - y).abs().max().item<float>() <= (x.abs().max().item<float>() * 1e-3f) + 1e-7f);
        }

        // A fresh run folder holding only the snapshot resumes at its step and trains on.
        var resumedRun = _dir.File("q2");
        Directory.CreateDirectory(Checkpoint.Folder(resumedRun));
        File.Copy(snapshot, Path.Combine(Checkpoint.Folder(resumedRun), $"step-{state.Step:D8}.ckpt"));
        var log = new StringWriter();
        var resumed = new TrainingLoop(Options(8, "quality"), new SyntheticData(32, 2), resumedRun, log).Run(resume: true);
        output.WriteLine(log.ToString());
        Assert.Contains("AdamW starts afresh", log.ToString());
        Assert.Equal(8, resumed.Steps);
        Assert.Equal(4, resumed.Curve.Count(p => p.Step > 4));
        Assert.All(resumed.Curve.Where(p => p.Step == 5), p => Assert.True(p.LearningRate < 1e-3 * 0.6, $"no re-warm: lr {p.LearningRate}"));
        Assert.All(resumed.Curve, p => Assert.True(double.IsFinite(p.Loss)));
        var next = Checkpoint.Load(resumed.LastCheckpoint, null, null);
        Assert.True(next.HasOptimizer && next.HasEma && !next.Snapshot);

        // ... and exports (the fused convs, from the EMA) with parity; a net this size is stored as float16 by default.
        var onnx = _dir.File("q.onnx");
        var (card, parity) = CheckpointExport.Export(resumed.LastCheckpoint, onnx, "quality-test");
        output.WriteLine($"{card.Architecture}: parity {CheckpointExport.Describe(parity)}");
        Assert.Equal("aepaint-unet-quality", card.Architecture);
        Assert.Equal(ModelCard.Float16Storage, card.WeightStorage);
        Assert.All(parity, p => Assert.True(p.MaxAbsDiff <= OnnxExporter.Tolerance));
    }

    [Fact]
    public void ASnapshotAfterAHundredThousandStepsStillFitsTenMegabytes()
    {
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(ModelTask.Denoise, "quality", 1, 7);
        using var ema = TrainableNet.Create(ModelTask.Denoise, "quality", 1, 8);
        using var optimizer = new AdamW(net.Module.parameters());
        var curve = Enumerable.Range(1, 100_000).Select(s => new CurvePoint(s, 0.02 + (1.0 / s), 3e-4 * (1 - (s / 1e5)),
            ValidationPsnr: s % 1000 == 0 ? 30 + (s / 1e5) : null, ValidationSsim: s % 1000 == 0 ? 0.9 : null)).ToList();
        var state = new CheckpointState { Step = 100_000, OptionsJson = Options(100_000, "quality").ToJson(), Curve = curve };
        var run = _dir.File("long");
        var full = Checkpoint.Save(run, state, net, optimizer, keep: 1, best: false, ema);
        var snapshot = _dir.File("long.ckpt");
        Checkpoint.WriteSnapshot(full, snapshot);
        long size = new FileInfo(snapshot).Length;
        var back = Checkpoint.Load(snapshot, null, null);
        output.WriteLine($"full {new FileInfo(full).Length / 1e6:F1} MB, snapshot {size / 1e6:F2} MB, curve {curve.Count} → {back.Curve.Count} points");
        Assert.True(size <= 10_000_000, $"{size}");
        Assert.Equal(100, back.Curve.Count(p => p.ValidationPsnr != null)); // every validation kept
        Assert.Equal(1000, back.Curve.Count);
        Assert.Equal(curve.Take(100).Average(p => p.Loss), back.Curve[0].Loss, 12); // the block's mean
        Assert.Equal(100_000, back.Curve[^1].Step);
    }

    /// <summary>max |a − b|, its temporaries held by a dispose scope while libtorch reads them.</summary>
    private static double MaxAbsDifference(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a - b).abs().max().item<float>();
    }

    public void Dispose() => _dir.Dispose();
}
