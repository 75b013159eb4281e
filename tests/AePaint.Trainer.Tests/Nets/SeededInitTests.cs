using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests.Nets;

/// <summary>
/// The same seed builds the same net even while another thread reseeds and draws from torch's global generator —
/// the race that made ResumeEqualsAnUninterruptedRun fail in CI when test classes ran in parallel.
/// </summary>
public sealed class SeededInitTests
{
    [Theory]
    [InlineData("denoise", 1)]
    [InlineData("sr", 2)]
    public async Task SameSeedSameWeightsDespiteAConcurrentGlobalGenerator(string task, int scale)
    {
        TorchRuntime.Initialize();
        var kind = task == "denoise" ? Inference.Cards.ModelTask.Denoise : Inference.Cards.ModelTask.SuperResolution;
        using var stop = new CancellationTokenSource();
        var noise = Task.Run(() =>
        {
            long i = 0;
            while (!stop.IsCancellationRequested)
            {
                manual_seed(i++);
                using var r = rand(64);
            }
        });

        try
        {
            var first = Weights(TrainableNet.Create(kind, "tiny", scale, seed: 7));
            for (int repeat = 0; repeat < 5; repeat++)
            {
                Assert.Equal(first, Weights(TrainableNet.Create(kind, "tiny", scale, seed: 7)));
            }

            Assert.NotEqual(first, Weights(TrainableNet.Create(kind, "tiny", scale, seed: 8)));
        }
        finally
        {
            stop.Cancel();
            await noise;
        }
    }

    [Fact]
    public void DrawsConvWeightsAndBiasesWithinTorchsDefaultBound()
    {
        using var net = TrainableNet.Create(Inference.Cards.ModelTask.Denoise, "tiny", 1, seed: 3);
        int convs = 0;
        foreach (var (name, module) in net.Module.named_modules())
        {
            if (module is not TorchSharp.Modules.Conv2d conv)
            {
                continue;
            }

            convs++;
            using var scope = NewDisposeScope(); // holds the temporaries of abs().max() while libtorch reads them
            var w = conv.weight!;
            double bound = 1.0 / Math.Sqrt(w.shape[1] * w.shape[2] * w.shape[3]);
            double maxW = w.abs().max().item<float>(), maxB = conv.bias!.abs().max().item<float>();
            Assert.InRange(maxW, 0.9 * bound, bound); // many uniform draws reach near the bound
            Assert.InRange(maxB, 1e-6, bound);
        }

        Assert.True(convs > 10, $"only {convs} convs found");
    }

    private static float[] Weights(TrainableNet net)
    {
        using (net)
        {
            return net.Module.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        }
    }
}
