using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;
using AePaint.Trainer.Data;
using AePaint.Trainer.Degradations;

namespace AePaint.Trainer.Tests.NoiseEstimation;

/// <summary>
/// The learned estimator kept as an experiment (models/experiments/noise-level, not the automatic reading: see
/// models/README issue 17), run by ONNX Runtime on real images: a clean JPEG reads nothing to remove, and camera-JPEG
/// noise of the dev protocol reads near the σ that scores best for denoise-fast.
/// </summary>
public sealed class CandidateEstimatorTests
{
    private static LearnedNoiseLevel Candidate() =>
        new(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "models", "experiments", "noise-level", "noise-level.onnx")));

    [SkippableFact]
    public void ACleanJpegReadsNothingToRemove()
    {
        var clean = ImageFile.Load(Path.Combine(TestPaths.EvalSet("Set14"), "barbara.png"));
        var jpeg = JpegCompression.Decode(JpegCompression.Encode(clean, 75));
        using var estimator = Candidate();
        Assert.InRange(estimator.Estimate(jpeg), 0, NoiseLevel.NothingBelow);
    }

    /// <summary>Set5 head under the dev protocol's camera noise (seed 19; noise RMS 16.3, JPEG q 74): best fixed σ 20 of the grid 0–27.</summary>
    [SkippableFact]
    public void CameraJpegNoiseReadsNearTheBestFixedSigma()
    {
        var files = Directory.GetFiles(TestPaths.EvalSet("Set5")).Where(ImageFile.IsSupportedInput).Order(StringComparer.Ordinal).ToList();
        int index = files.FindIndex(f => Path.GetFileName(f) == "head.png");
        var noisy = CameraJpeg.Apply(PixelConversion.ToPlanar(ImageFile.Load(files[index])), SeededRandom.For(19, index)).Image;
        using var estimator = Candidate();
        Assert.InRange(estimator.Estimate(PixelConversion.ToBgra8(noisy)), 14, 26);
    }
}
