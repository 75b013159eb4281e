using AePaint.Trainer;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests;

/// <summary>Real TorchSharp: these fail (they do not skip) when the native libraries cannot be loaded.</summary>
public sealed class TorchTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void RuntimeLoadsAndReportsVersions()
    {
        var info = TorchRuntime.Initialize();
        output.WriteLine(info.ToString());

        Assert.StartsWith("2.10", info.TorchVersion, StringComparison.Ordinal);
        Assert.StartsWith("0.107", info.TorchSharpVersion, StringComparison.Ordinal);
        Assert.Equal("cpu", info.Device);
        Assert.Equal(Environment.ProcessorCount, info.Threads);
        if (OperatingSystem.IsLinux())
        {
            // Loaded from this test project's own output folder (where the build put the patched copy), not from elsewhere.
            Assert.NotNull(info.NativeLibraryPath);
            Assert.StartsWith(AppContext.BaseDirectory, info.NativeLibraryPath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SmallConvNetLearnsWithAdamW()
    {
        TorchRuntime.Initialize();
        torch.manual_seed(1234);

        // Learn a fixed 3x3 blur-plus-channel-mix: a target a two-layer conv net can fit quickly.
        using var input = torch.rand(8, 3, 24, 24);
        using var target = MakeTarget(input);
        using var model = nn.Sequential(
            ("conv1", nn.Conv2d(3, 16, 3, padding: 1)),
            ("relu", nn.ReLU()),
            ("conv2", nn.Conv2d(16, 3, 3, padding: 1)));
        using var optimizer = new AePaint.Trainer.Training.AdamW(model.parameters(), lr: 0.01, weightDecay: 0.01);

        var losses = new List<float>();
        for (int step = 0; step < 40; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = nn.functional.mse_loss(model.forward(input), target);
            loss.backward();
            optimizer.Step();
            losses.Add(loss.item<float>());
        }

        output.WriteLine($"MSE over {losses.Count} AdamW steps: {string.Join(", ", losses.Where((_, i) => i % 5 == 0 || i == losses.Count - 1).Select(l => l.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.All(losses, l => Assert.True(float.IsFinite(l)));
        Assert.True(losses[^1] < losses[0] * 0.25f, $"loss did not fall enough: {losses[0]} -> {losses[^1]}");
        Assert.True(losses.TakeLast(5).Average() < losses.Take(5).Average(), "loss is not decreasing");
    }

    [Fact]
    public void TrainingLoopDoesNotLeakTensors()
    {
        TorchRuntime.Initialize();
        using var model = nn.Conv2d(3, 4, 3, padding: 1);
        using var optimizer = new AePaint.Trainer.Training.AdamW(model.parameters(), lr: 1e-3);
        using var x = torch.randn(2, 3, 8, 8);

        RunSteps(2);  // warm-up: the first steps allocate the gradients
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        RunSteps(5);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        void RunSteps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                using var scope = torch.NewDisposeScope();
                optimizer.ZeroGrad();
                model.forward(x).Squared().mean().backward();
                optimizer.Step();
            }
        }
    }

    private static Tensor MakeTarget(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var kernel = TensorMath.Full([3, 3, 3, 3], 1.0 / 27.0);
        kernel[0, 0, 1, 1] = torch.tensor(0.5f);
        kernel[2, 1, 0, 0] = torch.tensor(-0.3f);
        return nn.functional.conv2d(input, kernel, padding: [1, 1]).MoveToOuterDisposeScope();
    }
}
