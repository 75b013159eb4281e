using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>The tiler keeps exactly the overlap it is given (the card's measured one by default).</summary>
public sealed class TileOverlapTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void AnOverlapBelowTheReceptiveFieldIsHonouredAndChangesSeams()
    {
        // Four box blurs reach 4 pixels; one pixel of context leaves visible seams, four leave none.
        using var model = ModelSession.Open(TestModels.BoxBlur(_dir.Path, layers: 4), ExecutionDevice.Cpu);
        var input = TestImages.Random(200, 150, seed: 4);
        var whole = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = 400 }).Image;
        var narrow = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = 48, Overlap = 1, Feather = 0 }).Image;
        var full = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = 48, Overlap = 4, Feather = 0 }).Image;
        Assert.True(MaxDiff(whole, narrow) > 1f / 255, "one pixel of context should show at the seams");
        Assert.True(MaxDiff(whole, full) < 1e-5f, "the full receptive field should match the whole-image run");
    }

    [Fact]
    public void TheCardsMeasuredOverlapIsUsedElseTheReceptiveField()
    {
        var card = TestModels.DenoiseCard("c", receptiveField: 10);
        Assert.Equal(10, card.EffectiveOverlap);
        Assert.Equal(4, (card with { TileOverlap = 4 }).EffectiveOverlap);
        Assert.Equal(10, (card with { TileOverlap = 0 }).EffectiveOverlap);
    }

    private static float MaxDiff(Imaging.PlanarImage a, Imaging.PlanarImage b)
    {
        float max = 0;
        for (int i = 0; i < a.Data.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.Data[i] - b.Data[i]));
        }

        return max;
    }

    public void Dispose() => _dir.Dispose();
}
