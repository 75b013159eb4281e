namespace AePaint.Inference.Tests;

/// <summary>What <see cref="LearnedNoiseLevel"/> accepts (its readings on real images: Trainer.Tests, NoiseEstimation).</summary>
public sealed class LearnedNoiseLevelTests
{
    [Fact]
    public void AnImageToImageModelIsNotAnEstimator()
    {
        var denoiser = File.ReadAllBytes(Path.Combine(TestSupport.TestPaths.RepoRoot, "models", "denoise-fast.onnx"));
        var e = Assert.Throws<ArgumentException>(() => new LearnedNoiseLevel(denoiser));
        Assert.Contains("fixed P", e.Message);
    }
}
