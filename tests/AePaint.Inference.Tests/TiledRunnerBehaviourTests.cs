using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>Noise level, strength, alpha, progress and cancel behaviour of the runner (out of memory: FallbackRunTests).</summary>
public sealed class TiledRunnerBehaviourTests : IClassFixture<ModelFolder>
{
    private readonly ModelFolder _models;

    public TiledRunnerBehaviourTests(ModelFolder models) => _models = models;

    [Fact]
    public void UserSigmaIsFedAsTheNoiseMap()
    {
        var model = _models.Open(_models.NoiseMap);
        var input = Bgra8Image.Solid(40, 30, 200, 150, 100);
        var (output, report) = TiledRunner.Run(model, input, new RunSettings { Sigma = 25, TileSize = 16 });
        Assert.Equal(25f, report.Sigma);
        Assert.False(report.SigmaEstimated);

        // Model output = colour − σ/255 → each byte drops by 25.
        Assert.Equal([175, 125, 75, 255], output.Data[..4]);
        Assert.All(Enumerable.Range(0, output.Width * output.Height), i => Assert.Equal(125, output.Data[(i * 4) + 1]));
    }

    [Fact]
    public void AutoSigmaComesFromTheEstimator()
    {
        var model = _models.Open(_models.NoiseMap);
        var clean = PixelConversion.ToPlanar(Bgra8Image.Solid(256, 256, 128, 128, 128));
        var noisy = PixelConversion.ToBgra8(GaussianNoise.AddAwgn(clean, 20, seed: 4, clip: true));
        var (_, report) = TiledRunner.Run(model, noisy, new RunSettings());
        Assert.True(report.SigmaEstimated);
        Assert.InRange(report.Sigma!.Value, 17f, 23f);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.5f)]
    [InlineData(1f)]
    public void StrengthMixesModelOutputWithInput(float strength)
    {
        var model = _models.Open(_models.NoiseMap);
        var input = Bgra8Image.Solid(8, 8, 200, 150, 100);
        var (output, _) = TiledRunner.Run(model, input, new RunSettings { Sigma = 50, Strength = strength });
        int expected = (int)Math.Round(150 - (50 * strength), MidpointRounding.AwayFromZero);
        Assert.Equal(expected, output.Data[1]);
    }

    [Fact]
    public void DenoiseKeepsAlphaAndHiddenColourExactly()
    {
        var model = _models.Open(_models.Box2);
        var input = TestImages.Random(50, 40, seed: 9, alpha: true);
        var (output, _) = TiledRunner.Run(model, input, new RunSettings { TileSize = 24 });
        for (int i = 0; i < input.Data.Length; i += 4)
        {
            Assert.Equal(input.Data[i + 3], output.Data[i + 3]);
            if (input.Data[i + 3] == 0)
            {
                Assert.Equal(input.Data.AsSpan(i, 4).ToArray(), output.Data.AsSpan(i, 4).ToArray());
            }
        }
    }

    [Fact]
    public void NoDarkFringeFromBlackUnderTransparentPixels()
    {
        // Left half opaque red, right half transparent with black colour (what many editors store).
        var input = HalfTransparent(32, 20);
        var model = _models.Open(_models.Box2);
        var (output, _) = TiledRunner.Run(model, input, new RunSettings { TileSize = 16 });

        // Within the box's reach (2 px) of the image's own edges its zero padding darkens, as in one whole-image call;
        // the fringe in question is at the transparent half's edge inside the image.
        for (int y = 2; y < output.Height - 2; y++)
        {
            for (int x = 2; x < output.Width - 2; x++)
            {
                long i = (((long)y * output.Width) + x) * 4;
                if (output.Data[i + 3] > 0)
                {
                    Assert.Equal(255, output.Data[i + 2]);
                    Assert.Equal(0, output.Data[i + 1]);
                }
            }
        }
    }

    [Fact]
    public void SuperResolutionResamplesAlphaWithoutBlackening()
    {
        var input = HalfTransparent(32, 20);
        var model = _models.Open(_models.Shuffle(2));
        var (output, _) = TiledRunner.Run(model, input, new RunSettings { TileSize = 16 });
        int partial = 0;
        for (int y = 0; y < output.Height; y++)
        {
            for (int x = 0; x < output.Width; x++)
            {
                long p = (((long)y * output.Width) + x) * 4;
                byte a = output.Data[p + 3];
                Assert.Equal(x < 28 ? 255 : x >= 36 ? 0 : a, a);
                if (a is > 0 and < 255)
                {
                    partial++;
                    Assert.Equal(255, output.Data[p + 2]); // visible edge pixels keep their red, never darker
                }
            }
        }

        Assert.True(partial > 0, "bicubic alpha should give a soft edge");
    }

    [Fact]
    public void ProgressReportsEveryTileInOrder()
    {
        var model = _models.Open(_models.Box1);
        var seen = new List<TileProgress>();
        var (_, report) = TiledRunner.Run(model, TestImages.Random(100, 70), new RunSettings { TileSize = 24 }, seen.Add);
        Assert.Equal(report.Tiles, seen.Count);
        Assert.Equal(Enumerable.Range(1, report.Tiles), seen.Select(p => p.Done));
        Assert.All(seen, p => Assert.Equal(report.Tiles, p.Total));
    }

    [Fact]
    public void CancelStopsWithinATileAndReturnsNothing()
    {
        var model = _models.Open(_models.Box1);
        using var cts = new CancellationTokenSource();
        int calls = 0;
        var input = TestImages.Random(200, 200);
        var before = (byte[])input.Data.Clone();
        Assert.ThrowsAny<OperationCanceledException>(() => TiledRunner.Run(model, input, new RunSettings { TileSize = 24 }, _ =>
        {
            if (++calls == 3)
            {
                cts.Cancel();
            }
        }, cts.Token));
        Assert.Equal(3, calls);
        Assert.Equal(before, input.Data);
    }

    [Fact]
    public void GrayModelRunsOnGrayImagesAndRefusesColour()
    {
        var model = _models.Open(_models.Gray);
        var gray = Bgra8Image.Solid(10, 10, 90, 90, 90);
        Assert.Equal(gray.Data, TiledRunner.Run(model, gray, new RunSettings()).Image.Data);
        var e = Assert.Throws<ArgumentException>(() => TiledRunner.Run(model, TestImages.Random(10, 10), new RunSettings()));
        Assert.Contains("gray", e.Message);
    }

    [Fact]
    public void EmptyImageIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => TiledRunner.Run(_models.Open(_models.Box1), new Bgra8Image(0, 0), new RunSettings()));
        Assert.Contains("empty", e.Message);
    }

    private static Bgra8Image HalfTransparent(int w, int h)
    {
        var img = new Bgra8Image(w, h);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w / 2; x++)
            {
                long p = (((long)y * w) + x) * 4;
                img.Data[p + 2] = 255;
                img.Data[p + 3] = 255;
            }
        }

        return img;
    }
}
