using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using AePaint.Trainer.Training.Recipe;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Training;

/// <summary>
/// `run.channelsLast` (weights and batches NHWC while training) on the SR ×2 quality net it is for: the same loss
/// curve as NCHW within float32 noise, checkpoints in the NCHW format bit for bit (so a run switches layout at any
/// resume, either way), and the same ONNX export.
/// </summary>
public sealed class ChannelsLastTrainingTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// Largest relative loss difference allowed between the layouts at any of the 12 steps. The layouts differ only in
    /// the order libtorch sums each conv's products (a float32 sum of K terms reordered moves by up to ~K·2⁻²⁴
    /// relative; K is up to 48·9 = 432 here, ≈ 3E-05), and training carries such differences on; a wrong layout
    /// (scrambled weights or moments) moves the loss by percent at the first step after it.
    /// </summary>
    private const double Tolerance = 1e-4;

    private const int Steps = 12;

    private readonly TempDir _dir = new();

    private static TrainOptions Options(bool channelsLast) => new()
    {
        Task = "sr",
        Network = new() { Preset = "quality", Scale = 2 },
        Data = new() { Folders = ["synthetic"], PatchSize = 16, BatchSize = 2 },
        Schedule = new() { Steps = Steps, WarmupSteps = 2, ValidateEvery = 6, CheckpointEvery = 2, KeepCheckpoints = 2 },
        Optimiser = new() { LearningRate = 5e-4, Ema = 0.9 },
        Run = new() { Seed = 5, ChannelsLast = channelsLast },
    };

    private TrainResult Train(string run, bool channelsLast, bool resume = false, long stopAt = long.MaxValue)
    {
        using var cts = new CancellationTokenSource();
        return new TrainingLoop(Options(channelsLast), new SyntheticSrData(16, 2, 2), _dir.File(run), TextWriter.Null)
            .Run(resume, cts.Token, r =>
            {
                if (r.Step == stopAt)
                {
                    cts.Cancel();
                }
            });
    }

    private double WorstLossDifference(string what, TrainResult a, TrainResult b)
    {
        Assert.Equal(a.Curve.Select(p => p.Step), b.Curve.Select(p => p.Step));
        var worst = a.Curve.Zip(b.Curve).Max(p => Math.Abs(p.First.Loss - p.Second.Loss) / Math.Abs(p.First.Loss));
        output.WriteLine($"{what}: worst relative loss difference {worst:E2} over {a.Curve.Count} steps; losses {a.Curve[0].Loss:F5} → {a.Curve[^1].Loss:F5}");
        return worst;
    }

    [Fact]
    public void ChannelsLastTrainsTheNchwLossCurveAndResumesAcrossLayouts()
    {
        var nchw = Train("nchw", channelsLast: false);
        var nhwc = Train("nhwc", channelsLast: true);
        Assert.True(nchw.Curve[^1].Loss < nchw.Curve[0].Loss * 0.9, "the net did not learn: the comparison would be empty");
        double layouts = WorstLossDifference("NHWC vs NCHW", nchw, nhwc);
        Assert.True(layouts <= Tolerance);
        Assert.True(layouts > 0, "bit-identical curves: the option did not change how the convs ran");
        Assert.Equal(nchw.Curve[^1].ValidationPsnr!.Value, nhwc.Curve[^1].ValidationPsnr!.Value, 2);

        // The lead's restart: an NCHW run resumed with the option on; and the way back.
        Train("to-nhwc", channelsLast: false, stopAt: 6);
        var toNhwc = Train("to-nhwc", channelsLast: true, resume: true);
        Assert.True(WorstLossDifference("NCHW to step 6, then NHWC", nchw, toNhwc) <= Tolerance);
        Train("to-nchw", channelsLast: true, stopAt: 6);
        var toNchw = Train("to-nchw", channelsLast: false, resume: true);
        Assert.True(WorstLossDifference("NHWC to step 6, then NCHW", nchw, toNchw) <= Tolerance);

        // The NHWC run's export is the NCHW run's model: ONNX Runtime's outputs of the two agree as the losses do.
        var a = _dir.File("nchw.onnx");
        var b = _dir.File("nhwc.onnx");
        CheckpointExport.Export(nchw.LastCheckpoint, a, "nchw");
        CheckpointExport.Export(nhwc.LastCheckpoint, b, "nhwc");
        using var sa = ModelSession.Open(a, ExecutionDevice.Cpu);
        using var sb = ModelSession.Open(b, ExecutionDevice.Cpu);
        var window = new PlanarImage(3, 40, 31);
        var rng = new Random(3);
        for (int i = 0; i < window.Data.Length; i++)
        {
            window.Data[i] = (float)rng.NextDouble();
        }

        var (ya, yb) = (sa.Run(window).Data, sb.Run(window).Data);
        double gap = ya.Zip(yb).Max(p => Math.Abs(p.First - p.Second)), level = ya.Average(v => Math.Abs(v));
        output.WriteLine($"ONNX Runtime, NHWC-trained vs NCHW-trained export: max |Δ| {gap:E2} (outputs ~{level:F3})");
        Assert.True(gap <= OnnxExporter.Tolerance, $"{gap}");
        Assert.True(level > 0.1);
    }

    [Fact]
    public void ChannelsLastCheckpointIsTheNchwFormatBitForBit()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var x = rand([2, 3, 16, 16], generator: new Generator(1));
        var y = rand([2, 3, 32, 32], generator: new Generator(2));
        double Step(TrainableNet net, AdamW optimizer, bool channelsLast)
        {
            using var stepScope = NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = TrainingLoop.PixelLoss("charbonnier", net.Module.forward(channelsLast ? ChannelsLast.Of(x) : x) - (channelsLast ? ChannelsLast.Of(y) : y));
            loss.backward();
            optimizer.Step();
            return loss.item<float>();
        }

        // A: NCHW, three real AdamW steps (non-zero moments), then written.
        using var a = TrainableNet.Create(ModelTask.SuperResolution, "quality", 2, seed: 1);
        using var oa = new AdamW(a.Module.parameters(), lr: 1e-3, weightDecay: 1e-4);
        using var ema = new WeightEma(a, 0.9);
        for (int i = 0; i < 3; i++)
        {
            Step(a, oa, channelsLast: false);
            ema.Update(a, i);
        }

        var state = new CheckpointState { Step = 3, OptionsJson = Options(false).ToJson() };
        var f1 = Checkpoint.Save(_dir.File("a"), state, a, oa, keep: 1, best: false, ema.Net);

        // B: another seed, laid channels-last before its AdamW (as the loop does), reads A's file and writes it back.
        using var b = TrainableNet.Create(ModelTask.SuperResolution, "quality", 2, seed: 2);
        ChannelsLast.Convert(b.Module);
        using var ob = new AdamW(b.Module.parameters(), lr: 1e-3);
        using var bEma = TrainableNet.Create(ModelTask.SuperResolution, "quality", 2, seed: 3);
        Checkpoint.Load(f1, b, ob, bEma);
        var convs = b.Module.parameters().Where(p => p.dim() == 4 && p.shape[2] > 1).ToList();
        Assert.NotEmpty(convs);
        Assert.All(convs, p => Assert.True(ChannelsLast.Is(p), "loading changed the layout"));
        Assert.All(a.Module.parameters().Zip(b.Module.parameters()), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        var f2 = Checkpoint.Save(_dir.File("b"), state, b, ob, keep: 1, best: false, bEma);
        Assert.True(File.ReadAllBytes(f1).AsSpan().SequenceEqual(File.ReadAllBytes(f2)), "a channels-last net wrote other bytes");
        Assert.All(convs, p => Assert.True(ChannelsLast.Is(p), "saving left the weights NCHW"));

        // C: NCHW again, from B's file: A's weights exactly.
        using var c = TrainableNet.Create(ModelTask.SuperResolution, "quality", 2, seed: 4);
        Checkpoint.Load(f2, c, null);
        Assert.All(a.Module.parameters().Zip(c.Module.parameters()), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));

        // B's moments are A's: the next step moves both nets alike, as a whole (scrambled moments would move them apart
        // by about a step; single weights whose gradient is ~0 can go either way under Adam's normalisation).
        var before = a.Module.parameters().Select(p => p.detach().clone()).ToList();
        Step(a, oa, channelsLast: false);
        Step(b, ob, channelsLast: true);
        double moved = 0, apart = 0;
        foreach (var ((pa, pb), p0) in a.Module.parameters().Zip(b.Module.parameters()).Zip(before))
        {
            moved += (pa - p0).Squared().sum().item<float>();
            apart += (pa - pb).Squared().sum().item<float>();
        }

        output.WriteLine($"one more step: the weights moved by {Math.Sqrt(moved):E2} (L2 over all); NHWC vs NCHW after it {Math.Sqrt(apart):E2}");
        Assert.True(Math.Sqrt(apart) <= Math.Sqrt(moved) * 1e-2, $"moved {moved}, apart {apart}");
    }

    [Fact]
    public void ExportOfAChannelsLastNetIsTheSameFile()
    {
        TorchRuntime.Initialize();
        using var nchw = TrainableNet.Create(ModelTask.SuperResolution, "quality", 2, seed: 6);
        using var nhwc = TrainableNet.Create(ModelTask.SuperResolution, "quality", 2, seed: 6);
        ChannelsLast.Convert(nhwc.Module);
        int rf = ReceptiveField.Measure(nchw);
        var card = nchw.BaseCard("layout", rf, new NoiseSection().MapSpec());
        var (pa, pb) = (_dir.File("nchw.onnx"), _dir.File("nhwc.onnx"));
        var ra = OnnxExporter.Export(nchw, card, pa);
        var rb = OnnxExporter.Export(nhwc, card, pb);
        output.WriteLine($"parity NCHW {ra.Max(r => r.MaxAbsDiff):E2}, channels-last {rb.Max(r => r.MaxAbsDiff):E2}");
        Assert.True(File.ReadAllBytes(pa).AsSpan().SequenceEqual(File.ReadAllBytes(pb)));
        Assert.All(rb, r => Assert.True(r.MaxAbsDiff <= OnnxExporter.Tolerance));
    }

    public void Dispose() => _dir.Dispose();
}
