using AePaint.Evaluation.Comparison;
using AePaint.ImageFiles;
using AePaint.TestSupport;

namespace AePaint.Evaluation.Tests;

/// <summary>The comparison sheet: one labelled crop per method, scored like the protocols.</summary>
public sealed class CompareRunTests : IDisposable
{
    private const int TitleHeight = 30;
    private readonly TempDir _dir = new();
    private readonly string _identity;
    private readonly string _shuffle2;

    public CompareRunTests()
    {
        _identity = TestModels.Identity(_dir.Path);
        _shuffle2 = TestModels.PixelShuffle(_dir.Path, 2);
    }

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void ADenoiseSheetHasOneLabelledCropPerMethod()
    {
        var photo = Directory.GetFiles(SetCrops.Cbsd68, "*.png").Order(StringComparer.Ordinal).First();
        var (sheet, panels, labels) = CompareRun.Run(new CompareSettings { Clean = photo, AddNoise = 25, Models = [_identity], Peers = "none", Crop = new CropRect(10, 20, 40, 30), Zoom = 2 }, null);
        Assert.Equal((3 * 80) + (4 * 6), sheet.Width); // noisy | identity | ground truth, 6-pixel gaps
        Assert.Equal(new[] { "noisy σ 25", "identity", "ground truth" }, panels.Select(p => p.Label));
        Assert.Equal(panels[0].Psnr, panels[1].Psnr); // identity = the 8-bit noisy image
        Assert.Null(panels[2].Psnr);
        Assert.Equal("reference", panels[2].NoScore);

        // The crop is the image's pixels enlarged ×2: the ground-truth panel's first pixel is the photo's (10, 20).
        var clean = ImageFile.Load(photo);
        int gtX = 6 + (2 * 86);
        Assert.Equal(clean.Data.AsSpan(((20 * clean.Width) + 10) * 4, 3).ToArray(), sheet.Data.AsSpan(((TitleHeight * sheet.Width) + gtX) * 4, 3).ToArray());
        if (labels)
        {
            // Labels: light text on the dark strip under the first panel.
            int bright = 0;
            for (int y = TitleHeight + 60; y < sheet.Height; y++)
            {
                for (int x = 6; x < 86; x++)
                {
                    bright += sheet.Data[((y * sheet.Width) + x) * 4] > 150 ? 1 : 0;
                }
            }

            Assert.True(bright > 20, $"only {bright} bright label pixels");
        }
    }

    [SkippableFact]
    public void ASuperResolutionSheetShowsTheBaselinesBesideTheModels()
    {
        var (sheet, panels, _) = CompareRun.Run(new CompareSettings { Clean = Path.Combine(TestPaths.EvalSet("Set5"), "baby.png"), Scale = 2, Models = [_shuffle2] }, null);
        Assert.Equal((5 * 256) + (6 * 6), sheet.Width);
        Assert.Equal(new[] { "input ×2 (nearest)", "bicubic", "Lanczos3", "shuffle2", "ground truth" }, panels.Select(p => p.Label));
        Assert.Equal(panels[0].Psnr, panels[3].Psnr); // pixel shuffle ×2 is nearest neighbour
    }

    [SkippableFact]
    public void WithoutReferenceTheRealPhotoAndEachMethodCarryNoScore()
    {
        var photo = Path.Combine(TestPaths.EvalSet("RNI15"), "Dog.png");
        var log = new List<string>();
        var (sheet, panels, _) = CompareRun.Run(new CompareSettings { Clean = photo, NoReference = true, Models = [_identity], Peers = "none", Crop = new CropRect(0, 0, 50, 40), Zoom = 1 }, log.Add);
        Assert.Equal((2 * 50) + (3 * 6), sheet.Width); // noisy | identity, no ground truth panel
        Assert.Equal(new[] { "noisy", "identity" }, panels.Select(p => p.Label));
        Assert.All(panels, p => Assert.Equal((null, "no ground truth"), (p.Psnr, p.NoScore)));

        var size = ImageFile.Load(photo);
        var e = Assert.Throws<EvaluationException>(() => CompareRun.Run(new CompareSettings { Clean = photo, NoReference = true, Scale = 2, Models = [_shuffle2], Crop = new CropRect((2 * size.Width) - 10, 0, 20, 20) }, null));
        Assert.Contains($"outside the {2 * size.Width}×{2 * size.Height} image", e.Message); // the crop is in the enlarged image
        e = Assert.Throws<EvaluationException>(() => CompareRun.Run(new CompareSettings { Clean = photo, NoReference = true, Noisy = photo }, null));
        Assert.Contains("--no-reference", e.Message);
    }

    [SkippableFact]
    public void TheSigmaToldAndTheNoiseAddedAreNotConfused()
    {
        var photo = Directory.GetFiles(SetCrops.Cbsd68, "*.png").Order(StringComparer.Ordinal).First();
        var told = Assert.Throws<EvaluationException>(() => CompareRun.Run(new CompareSettings { Clean = photo, Sigma = 50, Peers = "none" }, null));
        Assert.Equal("--sigma 50 now means the σ told to the model, for a real noisy photo (--noisy, --no-reference); for noise added to clean images use --add-noise 50", told.Message);
        var added = Assert.Throws<EvaluationException>(() => CompareRun.Run(new CompareSettings { Clean = photo, Noisy = photo, AddNoise = 50, Peers = "none" }, null));
        Assert.StartsWith("--add-noise 50: not with --noisy", added.Message, StringComparison.Ordinal);

        // A real photo told a fixed σ: the noise-map model gets it, and the title says it was not estimated.
        var noiseMap = TestModels.SubtractNoiseMap(_dir.Path);
        var (_, fixedPanels, _) = CompareRun.Run(new CompareSettings { Clean = photo, Noisy = photo, Sigma = 30, Models = [noiseMap], Peers = "none" }, null);
        var (_, autoPanels, _) = CompareRun.Run(new CompareSettings { Clean = photo, Noisy = photo, Models = [noiseMap], Peers = "none" }, null);
        Assert.NotEqual(fixedPanels[1].Psnr, autoPanels[1].Psnr);
        Assert.True(double.IsPositiveInfinity(fixedPanels[0].Psnr!.Value)); // the "noisy" photo is the clean one here
    }
}
