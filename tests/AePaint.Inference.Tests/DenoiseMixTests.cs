using AePaint.Imaging;
using AePaint.Inference;

namespace AePaint.Inference.Tests;

/// <summary>Detail, colour noise and strength: what each keeps of the model's change, per pixel and through the runner.</summary>
public sealed class DenoiseMixTests : IClassFixture<ModelFolder>
{
    private readonly ModelFolder _models;

    public DenoiseMixTests(ModelFolder models) => _models = models;

    private static float Luma(float r, float g, float b) => (0.299f * r) + (0.587f * g) + (0.114f * b);

    [Fact]
    public void DefaultsGiveTheModelOutputAndEachControlKeepsItsPart()
    {
        (float R, float G, float B) photo = (0.6f, 0.4f, 0.3f), model = (0.5f, 0.45f, 0.2f);
        Assert.True(new DenoiseMix().IsIdentity);
        var same = new DenoiseMix().Apply(photo.R, photo.G, photo.B, model.R, model.G, model.B);
        Assert.Equal(model.R, same.R, 5);
        Assert.Equal(model.G, same.G, 5);
        Assert.Equal(model.B, same.B, 5);

        // Colour noise 0: the photo's chroma, the model's luma.
        var lumaOnly = new DenoiseMix(ColorNoise: 0).Apply(photo.R, photo.G, photo.B, model.R, model.G, model.B);
        Assert.Equal(Luma(model.R, model.G, model.B), Luma(lumaOnly.R, lumaOnly.G, lumaOnly.B), 5);
        Assert.Equal(photo.R - Luma(photo.R, photo.G, photo.B), lumaOnly.R - Luma(lumaOnly.R, lumaOnly.G, lumaOnly.B), 5);
        Assert.Equal(photo.B - Luma(photo.R, photo.G, photo.B), lumaOnly.B - Luma(lumaOnly.R, lumaOnly.G, lumaOnly.B), 5);

        // Detail 1: the photo's luma, the model's chroma.
        var chromaOnly = new DenoiseMix(Detail: 1).Apply(photo.R, photo.G, photo.B, model.R, model.G, model.B);
        Assert.Equal(Luma(photo.R, photo.G, photo.B), Luma(chromaOnly.R, chromaOnly.G, chromaOnly.B), 5);
        Assert.Equal(model.R - Luma(model.R, model.G, model.B), chromaOnly.R - Luma(chromaOnly.R, chromaOnly.G, chromaOnly.B), 5);

        // Both at their "keep the photo" end, or strength 0: the photo.
        foreach (var mix in new[] { new DenoiseMix(Detail: 1, ColorNoise: 0), new DenoiseMix(Strength: 0, Detail: 0.3f) })
        {
            var p = mix.Apply(photo.R, photo.G, photo.B, model.R, model.G, model.B);
            Assert.Equal(photo, (MathF.Round(p.R, 5), MathF.Round(p.G, 5), MathF.Round(p.B, 5)));
        }
    }

    [Theory]
    [InlineData(0f, 100)]
    [InlineData(0.5f, 125)]
    [InlineData(1f, 150)]
    public void DetailPutsBackThatShareOfTheRemovedLuma(float detail, int expected)
    {
        // The noise-map test model subtracts σ/255 from every channel: a pure luma change of −50 levels.
        var (output, _) = TiledRunner.Run(_models.Open(_models.NoiseMap), Bgra8Image.Solid(8, 8, 200, 150, 100), new RunSettings { Sigma = 50, Detail = detail });
        Assert.Equal(expected, output.Data[1]);
    }

    [Fact]
    public void ColourNoiseZeroKeepsThePhotosColourThroughTheRunner()
    {
        var input = AePaint.TestSupport.TestImages.Random(40, 30, seed: 4);
        var model = _models.Open(_models.Box2);
        var (full, _) = TiledRunner.Run(model, input, new RunSettings());
        var (lumaOnly, _) = TiledRunner.Run(model, input, new RunSettings { ColorNoise = 0 });
        double changedChroma = 0, keptChroma = 0;
        for (int i = 0; i < input.Data.Length; i += 4)
        {
            float Chroma(Bgra8Image im) => im.Data[i + 2] - Luma(im.Data[i + 2], im.Data[i + 1], im.Data[i]);
            changedChroma += Math.Abs(Chroma(full) - Chroma(input));
            keptChroma += Math.Abs(Chroma(lumaOnly) - Chroma(input));
        }

        Assert.True(keptChroma * 20 < changedChroma, $"{keptChroma} vs {changedChroma}"); // only 8-bit rounding remains
        Assert.Throws<ArgumentOutOfRangeException>(() => TiledRunner.Run(model, input, new RunSettings { Detail = 1.5f }));
    }
}
