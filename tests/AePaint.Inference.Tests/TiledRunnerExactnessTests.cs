using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>Tiled output must equal one whole-image run when the receptive field fits the overlap.</summary>
public sealed class TiledRunnerExactnessTests : IClassFixture<ModelFolder>
{
    private readonly ModelFolder _models;

    public TiledRunnerExactnessTests(ModelFolder models) => _models = models;

    public static TheoryData<int, int, int> SizesAndTiles => new()
    {
        { 1, 1, 16 },
        { 7, 13, 16 },
        { 7, 13, 24 },
        { 1023, 769, 64 },
        { 1023, 769, 100 },
        { 1023, 769, 256 },
    };

    [Theory]
    [MemberData(nameof(SizesAndTiles))]
    public void BoxBlurTiledEqualsWhole(int w, int h, int tile)
    {
        var model = _models.Open(_models.Box2);
        AssertTiledMatchesWhole(model, TestImages.Random(w, h, seed: w + h), tile);
    }

    [Theory]
    [MemberData(nameof(SizesAndTiles))]
    public void StridedUNetTiledEqualsWhole(int w, int h, int tile)
    {
        var model = _models.Open(_models.UNet);
        AssertTiledMatchesWhole(model, TestImages.Random(w, h, seed: 3), Math.Max(tile, 40));
    }

    [Theory]
    [InlineData(2, 1, 1, 16)]
    [InlineData(2, 7, 13, 16)]
    [InlineData(2, 301, 157, 48)]
    [InlineData(3, 301, 157, 32)]
    [InlineData(4, 61, 47, 16)]
    public void PixelShuffleIsNearestUpscaleAtEveryTileSize(int scale, int w, int h, int tile)
    {
        var model = _models.Open(_models.Shuffle(scale));
        var input = TestImages.Random(w, h, seed: 11);
        var (output, _) = TiledRunner.Run(model, input, new RunSettings { TileSize = tile });
        Assert.Equal(w * scale, output.Width);
        Assert.Equal(h * scale, output.Height);
        for (int y = 0; y < output.Height; y++)
        {
            for (int x = 0; x < output.Width; x++)
            {
                long o = (((long)y * output.Width) + x) * 4;
                long i = (((long)(y / scale) * w) + (x / scale)) * 4;
                Assert.True(
                    output.Data[o] == input.Data[i] && output.Data[o + 1] == input.Data[i + 1] && output.Data[o + 2] == input.Data[i + 2],
                    $"pixel ({x},{y}) differs from input ({x / scale},{y / scale})");
                Assert.Equal(255, output.Data[o + 3]);
            }
        }
    }

    [Fact]
    public void BoxBlurMatchesHandComputedMeanWithTheModelsOwnZeroPaddingAtTheImageEdges()
    {
        // Tiles (16² windows over 29×21) reach no context beyond the image's edges: there the convolution pads with
        // zeros, exactly as one model call on the whole image does.
        var model = _models.Open(_models.Box1);
        var input = TestImages.Random(29, 21, seed: 5);
        var (output, report) = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = 16 });
        Assert.True(report.Tiles > 1);
        var src = PixelConversion.ToPlanar(input);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 21; y++)
            {
                for (int x = 0; x < 29; x++)
                {
                    double sum = 0;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            bool inside = x + dx is >= 0 and < 29 && y + dy is >= 0 and < 21;
                            sum += inside ? src[c, x + dx, y + dy] : 0;
                        }
                    }

                    Assert.Equal(sum / 9, output[c, x, y], 1e-5);
                }
            }
        }
    }

    [Fact]
    public void IdentityReturnsTheInputBytes()
    {
        var model = _models.Open(_models.Identity);
        var input = TestImages.Random(37, 29, seed: 2);
        var (output, report) = TiledRunner.Run(model, input, new RunSettings { TileSize = 16 });
        Assert.Equal(input.Data, output.Data);
        Assert.True(report.Tiles > 1);
    }

    [Fact]
    public void FloatInputReachesTheModelUnclippedAndTilesLikeTheByteInput()
    {
        // Unclipped noisy floats (the published denoising protocol) go through the same windows as 8-bit input.
        var bytes = TestImages.Random(53, 41, seed: 9);
        var floats = PixelConversion.ToPlanar(bytes);
        var model = _models.Open(_models.Box1);
        var fromBytes = TiledRunner.RunToPlanar(model, bytes, new RunSettings { TileSize = 16 }).Image;
        var fromFloats = TiledRunner.RunToPlanar(model, floats, new RunSettings { TileSize = 16 }).Image;
        Assert.Equal(fromBytes.Data, fromFloats.Data);

        var identity = _models.Open(_models.Identity);
        var rng = new Random(4);
        for (int i = 0; i < floats.Data.Length; i++)
        {
            floats.Data[i] += (float)((rng.NextDouble() - 0.5) * 0.8);
        }

        var (passed, report) = TiledRunner.RunToPlanar(identity, floats, new RunSettings { TileSize = 16 });
        Assert.True(report.Tiles > 1);
        Assert.Contains(floats.Data, v => v < 0f);
        for (int i = 0; i < floats.Data.Length; i++)
        {
            Assert.True(Math.Abs(passed.Data[i] - floats.Data[i]) <= 1e-6f, $"value {i}: {passed.Data[i]} vs {floats.Data[i]}");
        }
    }

    private static void AssertTiledMatchesWhole(ITileModel model, Bgra8Image input, int tile)
    {
        var whole = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = 4096 });
        Assert.Equal(1, whole.Report.Tiles);
        var tiled = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = tile });
        if (input.Width > tile || input.Height > tile)
        {
            Assert.True(tiled.Report.Tiles > 1, "expected more than one tile");
        }

        double max = 0;
        for (int i = 0; i < whole.Image.Data.Length; i++)
        {
            max = Math.Max(max, Math.Abs(whole.Image.Data[i] - tiled.Image.Data[i]));
        }

        Assert.True(max <= 1e-4, $"tiled ({tiled.Report.Tiles} tiles of {tile}) differs from whole by {max:E2}");
    }
}
