using AePaint.Inference.Cards;
using AePaint.TestSupport;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using OptimizerHelper = TorchSharp.Modules.OptimizerHelper;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests.Training;

/// <summary>
/// Our AdamW against TorchSharp 0.107's (which it replaced because its step hands libtorch unrooted Scalars): the
/// same steps of a real net on real photo patches give the same weights, the same state bytes, and a checkpoint
/// whose moments TorchSharp's AdamW wrote (every full checkpoint from before the switch) resumes as if uninterrupted.
/// </summary>
public sealed class AdamWTests(ITestOutputHelper output) : IDisposable
{
    private const int Steps = 12;
    private const double WeightDecay = 0.05; // larger than the recipes' 1e-4, so the decay visibly counts
    private const double RelativeTolerance = 1e-6;
    private static readonly AstronautBatches Data = new(32, 4);
    private readonly TempDir _dir = new();

    [Theory]
    [InlineData(true)] // AdamW: the training loop
    [InlineData(false)] // Adam, i.e. weight decay 0: latent and noise-net training
    public void StepsAsTorchSharpsOptimizerDid(bool adamW)
    {
        TorchRuntime.Initialize();
        using var theirNet = Net(5);
        using var ourNet = Net(5);
        double decay = adamW ? WeightDecay : 0;
        using OptimizerHelper theirs = adamW
            ? optim.AdamW(theirNet.Module.parameters(), lr: Lr(0), weight_decay: decay)
            : optim.Adam(theirNet.Module.parameters(), lr: Lr(0));
        using var ours = new AdamW(ourNet.Module.parameters(), lr: Lr(0), weightDecay: decay);
        var start = Weights(ourNet);
        var losses = new List<(double Theirs, double Ours)>();
        for (long k = 0; k < Steps; k++)
        {
            losses.Add((StepTorchSharp(theirNet, theirs, k), StepOurs(ourNet, ours, k)));
        }

        output.WriteLine("loss (TorchSharp, ours): " + string.Join("; ", losses.Select(l => $"{l.Theirs:G6}, {l.Ours:G6}")));
        AssertSameWeights(theirNet, ourNet);
        Assert.True(MaxRelativeDifference(start, Weights(ourNet)) > 1e-3, "the weights hardly moved: the comparison would prove nothing");
        Assert.True(losses[^1].Ours < losses[0].Ours, $"loss did not fall: {losses[0].Ours} → {losses[^1].Ours}");
        if (adamW)
        {
            Assert.Equal(StateBytes(theirs.save_state_dict), StateBytes(ours.Save));
        }
    }

    [Fact]
    public void ACheckpointWithTorchSharpsMomentsResumesAsTheUninterruptedRun()
    {
        TorchRuntime.Initialize();
        using var straight = Net(5);
        using (var old = optim.AdamW(straight.Module.parameters(), lr: Lr(0), weight_decay: WeightDecay))
        {
            for (long k = 0; k < 2 * Steps; k++)
            {
                StepTorchSharp(straight, old, k);
            }
        }

        // What today's checkpoints hold: TorchSharp's AdamW state after the first half, written by its save_state_dict.
        string path;
        using (var first = Net(5))
        using (var old = optim.AdamW(first.Module.parameters(), lr: Lr(0), weight_decay: WeightDecay))
        {
            for (long k = 0; k < Steps; k++)
            {
                StepTorchSharp(first, old, k);
            }

            var state = new CheckpointState { Step = Steps, OptionsJson = TrainingLoopTests.Options(2 * Steps).ToJson() };
            path = Checkpoint.Save(_dir.File("run"), state, first, old.save_state_dict, keep: 1, best: false);
        }

        // The new binary: other initial weights and hyper-parameters, all replaced by the file's.
        using var resumed = Net(6);
        using var optimizer = new AdamW(resumed.Module.parameters(), lr: 1, beta1: 0.5, weightDecay: 0);
        var loaded = Checkpoint.Load(path, resumed, optimizer);
        Assert.True(loaded.HasOptimizer);
        Assert.Equal(Steps, optimizer.Steps);
        Assert.Equal((0.9, 0.999, 1e-8, WeightDecay), (optimizer.Beta1, optimizer.Beta2, optimizer.Eps, optimizer.WeightDecay));
        for (long k = Steps; k < 2 * Steps; k++)
        {
            StepOurs(resumed, optimizer, k);
        }

        AssertSameWeights(straight, resumed);
    }

    [Fact]
    public void StateOfAnotherOptimizerOrNetIsRefused()
    {
        TorchRuntime.Initialize();
        using var net = Net(5);
        using var adam = optim.Adam(net.Module.parameters());
        var bytes = StateBytes(adam.save_state_dict);
        using var optimizer = new AdamW(net.Module.parameters());
        var e = Assert.Throws<InvalidDataException>(() => optimizer.Load(new BinaryReader(new MemoryStream(bytes))));
        Assert.Contains("'Adam'", e.Message, StringComparison.Ordinal);

        using var other = TrainableNet.Create(ModelTask.SuperResolution, "tiny", 2, 5);
        using var otherOptimizer = new AdamW(other.Module.parameters());
        var otherBytes = StateBytes(otherOptimizer.Save);
        Assert.ThrowsAny<Exception>(() => optimizer.Load(new BinaryReader(new MemoryStream(otherBytes))));
    }

    /// <summary>Warm-up then decay, a new learning rate every step as the training loop's schedule sets it.</summary>
    private static double Lr(long k) => 2e-3 * Math.Min(1.0, (k + 1) / 4.0) * (1 - (k / (4.0 * Steps)));

    private static TrainableNet Net(int seed) => TrainableNet.Create(ModelTask.Denoise, "tiny", 1, seed);

    private static double StepTorchSharp(TrainableNet net, OptimizerHelper optimizer, long k)
    {
        using var scope = NewDisposeScope();
        foreach (var g in optimizer.ParamGroups)
        {
            g.LearningRate = Lr(k);
        }

        optimizer.zero_grad();
        var loss = Backward(net, k);
        using (new NoGcRegion())
        {
            optimizer.step();
        }

        return loss;
    }

    private static double StepOurs(TrainableNet net, AdamW optimizer, long k)
    {
        using var scope = NewDisposeScope();
        optimizer.LearningRate = Lr(k);
        optimizer.ZeroGrad();
        var loss = Backward(net, k);
        optimizer.Step();
        return loss;
    }

    /// <summary>The training loop's Charbonnier loss on batch k, its gradients, clipped at norm 1 as the recipes do.</summary>
    private static double Backward(TrainableNet net, long k)
    {
        var b = Data.At(k);
        var input = tensor(b.Input, [b.Count, b.InputChannels, b.Height, b.Width]);
        var target = tensor(b.Target, [b.Count, 3, b.Height, b.Width]);
        var diff = net.Module.forward(input) - target;
        var loss = diff.Squared().Plus(1e-6).sqrt().mean();
        loss.backward();
        nn.utils.clip_grad_norm_(net.Module.parameters(), 1.0);
        return loss.item<float>();
    }

    private static float[][] Weights(TrainableNet net)
    {
        using var scope = NewDisposeScope();
        return net.Module.parameters().Select(p => p.detach().contiguous().data<float>().ToArray()).ToArray();
    }

    /// <summary>Per tensor, the largest |a − b| over the largest |a|; the worst tensor's.</summary>
    private static double MaxRelativeDifference(float[][] a, float[][] b) =>
        a.Zip(b).Max(t => t.First.Zip(t.Second).Max(x => Math.Abs(x.First - x.Second)) / Math.Max(1e-12, t.First.Max(Math.Abs)));

    private void AssertSameWeights(TrainableNet expected, TrainableNet actual)
    {
        double worst = MaxRelativeDifference(Weights(expected), Weights(actual));
        output.WriteLine($"largest relative weight difference: {worst:G3}");
        Assert.True(worst <= RelativeTolerance, $"weights differ by {worst:G3} (relative)");
    }

    private static byte[] StateBytes(Action<BinaryWriter> save)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            save(writer);
        }

        return stream.ToArray();
    }

    public void Dispose() => _dir.Dispose();
}
