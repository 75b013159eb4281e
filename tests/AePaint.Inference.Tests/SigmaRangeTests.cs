using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>The card's σ range is the engine's: a told σ outside it is refused, an estimate above it is limited.</summary>
public sealed class SigmaRangeTests : IClassFixture<ModelFolder>
{
    private readonly ModelFolder _models;

    public SigmaRangeTests(ModelFolder models) => _models = models;

    [Fact]
    public void The_engine_refuses_a_told_sigma_outside_the_card_range_and_takes_its_edge()
    {
        var model = _models.Open(_models.NoiseMap30);
        var input = Bgra8Image.Solid(24, 16, 200, 150, 100);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TiledRunner.Run(model, input, new RunSettings { Sigma = 40 }));
        Assert.Contains("Noise level σ 40: model nmap30 is trained for σ 0–30.", e.Message, StringComparison.Ordinal);

        var (output, report) = TiledRunner.Run(model, input, new RunSettings { Sigma = 30 });
        Assert.Equal(30f, report.Sigma);
        Assert.Equal([170, 120, 70, 255], output.Data[..4]); // output = colour − σ/255: told exactly 30
    }

    [Fact]
    public void An_automatic_estimate_above_the_range_is_limited_and_the_reading_kept()
    {
        var model = _models.Open(_models.NoiseMap30);
        var noisy = PixelConversion.ToBgra8(GaussianNoise.AddAwgn(PixelConversion.ToPlanar(Bgra8Image.Solid(256, 256, 128, 128, 128)), 50, seed: 5, clip: true));

        var (output, report) = TiledRunner.Run(model, noisy, new RunSettings());

        Assert.True(report.SigmaEstimated);
        Assert.Equal(30f, report.Sigma);
        Assert.InRange(report.Noise!.Sigma, 40f, 60f);
        Assert.Equal(Math.Max(0, noisy.Data[1] - 30), output.Data[1]);
    }

    [Fact]
    public void Common_is_the_intersection_of_the_cards_with_a_noise_map()
    {
        static ModelCard Card(float min, float max) => TestModels.DenoiseCard("m") with { NoiseMap = new NoiseMapSpec { SigmaMin = min, SigmaMax = max } };
        var blind = TestModels.DenoiseCard("blind");

        Assert.Equal(new SigmaRange(5, 30), SigmaRange.Common([Card(0, 55), blind, Card(5, 30)]));
        Assert.Null(SigmaRange.Common([Card(0, 20), Card(30, 55)]));
        Assert.Null(SigmaRange.Common([blind]));
        Assert.Null(SigmaRange.Of(blind));
        Assert.Equal("σ 0–55", SigmaRange.Of(Card(0, 55))!.Value.ToString());
        Assert.Equal(55f, new SigmaRange(0, 55).Limit(60.4f));
    }
}
