using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;
using AePaint.Trainer.Data;
using AePaint.Trainer.Nets;
using AePaint.Trainer.NoiseEstimation;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests.NoiseEstimation;

/// <summary>
/// The whole learned-estimator pipeline on real pieces: crops of two training photos labelled by real ONNX Runtime
/// sweeps of the shipped denoiser, a NoiseNet trained a few TorchSharp steps on them, exported, and read back by the
/// engine's <see cref="LearnedNoiseLevel"/> with the same result as the TorchSharp net.
/// </summary>
public sealed class NoiseEstimatorPipelineTests
{
    [SkippableFact]
    public void LabelTrainExportAndReadBackAgree()
    {
        TorchRuntime.Initialize();
        using var dir = new TempDir();
        var photos = PhotoFolderScan.FindPhotos(Path.Combine(TestPaths.SharedData, "train", "skimage")).Take(2).ToList();
        string labels = Path.Combine(dir.Path, "labels");
        NoiseLabelWriter.Write(photos, Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx"), labels, count: 4, size: 32, seed: 3, TextWriter.Null);

        var set = NoiseLabelSet.Load(labels);
        Assert.Equal(4, set.Count);
        Assert.Equal(4 * 3 * 32 * 32, set.Crops.Length);
        foreach (var l in set.Labels)
        {
            Assert.Equal(NoiseLabelWriter.DefaultGrid.Length, l.Psnr.Length);
            int best = Array.IndexOf(l.Psnr, l.Psnr.Max());
            Assert.InRange(l.BestSigma, NoiseLabelWriter.DefaultGrid[Math.Max(best - 1, 0)], NoiseLabelWriter.DefaultGrid[Math.Min(best + 1, l.Psnr.Length - 1)]);
            Assert.InRange(l.Psnr.Max(), 15, 99);
        }

        using var net = new NoiseNet("noise-level", width: 6);
        SeededInit.Apply(net, 1);
        net.HighPassStart(4, 8f, 1);
        var score = NoiseNetTraining.Train(net, set, crop: 16, batch: 4, minutes: 5, maxSteps: 3, learningRate: 1e-3, seed: 1, TextWriter.Null, CancellationToken.None);
        Assert.All(score.Gaps, g => Assert.True(double.IsFinite(g.Gap) && g.Gap >= 0, $"{g.Kind}: {g.Gap}"));

        string onnx = Path.Combine(dir.Path, "noise-level.onnx");
        double parity = NoiseEstimatorCommand.Export(net, set, score, TimeSpan.FromMinutes(1), onnx);
        Assert.InRange(parity, 0, 1e-4);

        using var engine = new LearnedNoiseLevel(File.ReadAllBytes(onnx));
        Assert.Equal(32, engine.Patch);
        var crop = new PlanarImage(3, 32, 32);
        set.Read(0, crop.Data);
        double torchSigma;
        using (no_grad())
        {
            torchSigma = Math.Max(0, Math.Exp(net.forward(tensor(crop.Data, [1, 3, 32, 32])).item<float>()) - 1);
        }

        Assert.Equal(torchSigma, engine.Estimate(PixelConversion.ToBgra8(crop)), 3);
    }
}
