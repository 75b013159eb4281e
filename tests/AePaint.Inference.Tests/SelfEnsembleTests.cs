using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Imaging.Noise;
using AePaint.Imaging.Png;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>Self-ensemble (RunSettings.Passes) through real ONNX Runtime sessions.</summary>
public sealed class SelfEnsembleTests : IClassFixture<ModelFolder>
{
    private readonly ModelFolder _models;

    public SelfEnsembleTests(ModelFolder models) => _models = models;

    [Fact]
    public void ASymmetricModelGivesTheSameResultWithEightPasses()
    {
        // A box blur does not care about flips or turns, so any mistake in turning back would show.
        var model = _models.Open(_models.Box2);
        var input = TestImages.Random(45, 29);
        var one = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = 16 }).Image;
        var (eight, report) = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = 16, Passes = 8 });
        Assert.Equal(8, report.Passes);
        Assert.All(one.Data.Zip(eight.Data), p => Assert.Equal(p.First, p.Second, 1e-5f));
    }

    [Fact]
    public void AnUpscalerIsTurnedBackAtItsOutputScale()
    {
        var model = _models.Open(_models.Shuffle(2));
        var input = TestImages.Random(21, 13);
        var one = TiledRunner.Run(model, input, new RunSettings()).Image;
        var eight = TiledRunner.Run(model, input, new RunSettings { Passes = 8 }).Image;
        Assert.Equal(one.Data, eight.Data);
    }

    [Fact]
    public void TwoPassesAverageTheModelAndItsMirroredRun()
    {
        // The strided U-Net has random asymmetric kernels: mirrored input does not give a mirrored output.
        var model = _models.Open(_models.UNet);
        var window = PixelConversion.ToPlanar(TestImages.Random(16, 8));
        var plain = model.Run(window);
        var mirrored = Mirror(model.Run(Mirror(window)));
        var two = new SelfEnsemble(model, 2).Run(window);
        double differs = plain.Data.Zip(mirrored.Data).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(differs > 1e-3, $"the test model is mirror-symmetric after all ({differs})");
        for (int i = 0; i < two.Data.Length; i++)
        {
            Assert.Equal((plain.Data[i] + mirrored.Data[i]) / 2, two.Data[i], 1e-5f);
        }
    }

    [Fact]
    public void EightPassesOfTheShippedDenoiserScoreHigherThanOne()
    {
        var png = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "samples", "astronaut.png"));
        var clean = TestImages.Crop(PixelConversion.ToPlanar(PngCodec.Decode(png)), 96, 96, 128, 128);
        var noisy = GaussianNoise.AddAwgn(clean, 25, seed: 5, clip: false);
        using var model = ModelSession.Open(Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx"), ExecutionDevice.Cpu);
        double one = ImageMetrics.Psnr(TiledRunner.RunToPlanar(model, noisy, new RunSettings { Sigma = 25 }).Image, clean);
        double eight = ImageMetrics.Psnr(TiledRunner.RunToPlanar(model, noisy, new RunSettings { Sigma = 25, Passes = 8 }).Image, clean);
        Assert.True(eight > one + 0.03, $"8 passes {eight:F3} dB vs 1 pass {one:F3} dB");
    }

    [Fact]
    public void BadPassCountsAreRefused()
    {
        var model = _models.Open(_models.Identity);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TiledRunner.Run(model, TestImages.Random(8, 8), new RunSettings { Passes = 3 }));
        Assert.Contains("passes 3", e.Message);
        var fixedWide = new FixedSizeModel(model.Card, 64, 32);
        Assert.Throws<ArgumentException>(() => new SelfEnsemble(fixedWide, 8));
        Assert.Equal(4, new SelfEnsemble(fixedWide, 4).Passes);
    }

    private static PlanarImage Mirror(PlanarImage img)
    {
        var m = new PlanarImage(img.Channels, img.Width, img.Height);
        for (int c = 0; c < img.Channels; c++)
        {
            for (int y = 0; y < img.Height; y++)
            {
                for (int x = 0; x < img.Width; x++)
                {
                    m[c, x, y] = img[c, img.Width - 1 - x, y];
                }
            }
        }

        return m;
    }

    private sealed class FixedSizeModel(ModelCard card, int w, int h) : ITileModel
    {
        public ModelCard Card => card;

        public int? FixedWidth => w;

        public int? FixedHeight => h;

        public PlanarImage Run(PlanarImage window) => window;
    }
}
