using AePaint.Imaging.Metrics;
using AePaint.Imaging.Png;
using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>The shipped Fast / Best pairs: which model each task and scale runs, and that the ×2 Best earns its cost.</summary>
public sealed class ModelPairTests
{
    [Fact]
    public void Denoise_and_x2_have_a_Best_x4_runs_the_fast_net_for_both()
    {
        Assert.Equal(new ModelPair("denoise-fast", "denoise-general"), ModelPair.For(ModelTask.Denoise, 1));
        var x2 = ModelPair.For(ModelTask.SuperResolution, 2);
        Assert.Equal(new ModelPair("sr-x2-fast", "sr-x2-general"), x2);
        Assert.True(x2.HasBest);
        var x4 = ModelPair.For(ModelTask.SuperResolution, 4);
        Assert.Equal(new ModelPair("sr-x4-fast", "sr-x4-fast"), x4);
        Assert.False(x4.HasBest);

        Assert.Equal("sr-x2-fast", ModelPair.DefaultName(ModelTask.SuperResolution, 2));
        Assert.Equal("sr-x4-fast", ModelPair.DefaultName(ModelTask.SuperResolution, 4));
        Assert.Equal("best", x2.RoleOf("SR-X2-GENERAL"));
        Assert.Equal("fast", x2.RoleOf("sr-x2-fast"));
        Assert.Equal("fast and best", x4.RoleOf("sr-x4-fast"));
        Assert.Null(x4.RoleOf("sr-x4-real"));
    }

    [Fact]
    public void Best_falls_back_to_Fast_with_a_note_only_where_a_Best_exists()
    {
        var x2 = ModelPair.For(ModelTask.SuperResolution, 2);
        Assert.Equal(("sr-x2-general", (string?)null), x2.Choose(ModelQuality.Best, _ => true));
        Assert.Equal(("sr-x2-fast", "the Best model sr-x2-general is not installed: running the Fast one, sr-x2-fast"), x2.Choose(ModelQuality.Best, n => n == "sr-x2-fast"));
        Assert.Equal(("sr-x2-fast", (string?)null), x2.Choose(ModelQuality.Fast, _ => false));

        // ×4 has one model: Best is it, and nothing is said to be missing.
        Assert.Equal(("sr-x4-fast", (string?)null), ModelPair.For(ModelTask.SuperResolution, 4).Choose(ModelQuality.Best, n => n == "sr-x4-fast"));
    }

    [Fact]
    public void The_shipped_x2_Best_upscales_the_sample_better_than_Fast()
    {
        // The sample photo (not in any training set), MATLAB-bicubic ×2 reduction, Y PSNR with a 2 px border: Set5's protocol.
        var hr = ProtocolScores.ModCrop(PngCodec.Decode(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "samples", "astronaut.png"))), 2);
        var lr = ProtocolScores.SrLowResolution(hr, 2);
        double Psnr(string name)
        {
            using var model = ModelSession.Open(Path.Combine(TestPaths.RepoRoot, "models", name + ".onnx"), ExecutionDevice.Cpu);
            Assert.Equal(name, model.Card.Name);
            var (sr, _) = TiledRunner.Run(model, lr, new RunSettings());
            return ProtocolScores.SuperResolution(hr, sr, 2).Psnr;
        }

        double fast = Psnr("sr-x2-fast"), best = Psnr("sr-x2-general");
        double bicubic = ProtocolScores.SuperResolution(hr, ProtocolScores.SrBicubicUpscale(lr, 2), 2).Psnr;
        Assert.True(fast > bicubic, $"fast {fast:F3} dB, bicubic {bicubic:F3}");
        Assert.True(best > fast + 0.1, $"best {best:F3} dB, fast {fast:F3}");
    }
}
