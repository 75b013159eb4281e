using AePaint.Imaging.Tiling;

namespace AePaint.Imaging.Tests;

/// <summary>Every plan keeps inside the image, covers each pixel, and its cross-fade weights sum to one.</summary>
public sealed class TilePlannerTests
{
    [Theory]
    [InlineData(512, 128, 45, 22, 8)] // the shipped denoiser at tile 128: a last core (8 px) shorter than half the feather
    [InlineData(2000, 128, 45, 22, 8)]
    [InlineData(223, 128, 45, 22, 8)]
    [InlineData(1023, 64, 7, 3, 1)]
    [InlineData(769, 100, 16, 8, 4)]
    [InlineData(1, 16, 4, 2, 8)]
    [InlineData(37, 512, 45, 22, 8)]
    public void KeepRangesStayInsideAndWeightsSumToOne(int size, int tile, int overlap, int feather, int multipleOf)
    {
        AssertCoversAndBlends(TilePlanner.PlanAxis(size, tile, overlap, feather, multipleOf), size, overlap);
    }

    [Theory]
    [InlineData(4000, 3000, 1024, 24, 12, 8, 1)]
    [InlineData(4000, 3000, 1024, 24, 12, 8, 2)]
    [InlineData(4000, 3000, 512, 24, 12, 8, 2)]
    [InlineData(10000, 10000, 1024, 24, 12, 8, 2)]
    [InlineData(1000, 1000, 1280, 24, 12, 8, 2)]
    [InlineData(333, 4100, 256, 7, 3, 1, 3)]
    [InlineData(37, 29, 16, 1, 0, 1, 2)]
    public void TwoAxisPlansFitTheWindowBudgetCoverEvenlyAndBlendToOne(int width, int height, int tile, int overlap, int feather, int multipleOf, int lanes)
    {
        var (x, y) = TilePlanner.Plan(width, height, tile, overlap, feather, multipleOf, lanes);
        Assert.True((long)x.WindowSize * y.WindowSize <= (long)tile * tile, $"{x.WindowSize}×{y.WindowSize} window over the {tile}² budget");
        Assert.InRange(x.WindowSize, 1, 2 * tile);
        Assert.InRange(y.WindowSize, 1, 2 * tile);
        foreach (var (plan, size) in new[] { (x, width), (y, height) })
        {
            AssertCoversAndBlends(plan, size, overlap);
            Assert.Equal(0, plan.WindowSize % multipleOf);
            Assert.All(plan.Tiles, t => Assert.Equal(0, ((t.WindowStart % multipleOf) + multipleOf) % multipleOf));

            // Even split: every core but the last is one step, and the last is no sliver.
            var last = plan.Tiles[^1];
            Assert.All(plan.Tiles.Take(plan.Tiles.Count - 1), t => Assert.Equal(plan.Step, t.CoreEnd - t.CoreStart));
            Assert.True(last.CoreEnd - last.CoreStart > plan.Step - (plan.Tiles.Count * multipleOf), $"last core {last.CoreEnd - last.CoreStart} of step {plan.Step}");
        }
    }

    [Fact]
    public void APhotoGetsTheWindowsThatReadFewestPixels()
    {
        // 4000×3000 at a 1024² budget, the shipped denoiser's context (24 + 12/2 → 32): 5×3 windows of 864×1064 read
        // 13.8 MP (1.11× the photo with its border context); square 864×816 windows would be 5×4 and read 14.1 MP.
        var (x, y) = TilePlanner.Plan(4000, 3000, 1024, 24, 12, 8, lanes: 1);
        Assert.Equal((5, 3, 864, 1064), (x.Tiles.Count, y.Tiles.Count, x.WindowSize, y.WindowSize));

        // Two lanes: an even number of windows (4×4 of 1064×816, 13.9 MP) beats 15 with one lane idle in the last round.
        (x, y) = TilePlanner.Plan(4000, 3000, 1024, 24, 12, 8, lanes: 2);
        Assert.Equal((4, 4, 1064, 816), (x.Tiles.Count, y.Tiles.Count, x.WindowSize, y.WindowSize));

        // One window that fits runs on every core: never split for the lanes' sake.
        (x, y) = TilePlanner.Plan(1000, 1000, 1280, 24, 12, 8, lanes: 2);
        Assert.Equal((1, 1, 1064, 1064), (x.Tiles.Count, y.Tiles.Count, x.WindowSize, y.WindowSize));
    }

    [Fact]
    public void ABudgetBelowTheContextFallsBackToTheSmallestUsableWindow()
    {
        var (x, y) = TilePlanner.Plan(300, 200, 16, 24, 12, 8, lanes: 2);
        var axisX = TilePlanner.PlanAxis(300, 16, 24, 12, 8);
        Assert.Equal(axisX.WindowSize, x.WindowSize);
        Assert.Equal(axisX.Tiles.Count, x.Tiles.Count);
        AssertCoversAndBlends(y, 200, 24);
    }

    private static void AssertCoversAndBlends(AxisPlan plan, int size, int overlap)
    {
        foreach (int scale in new[] { 1, 2 })
        {
            var sum = new double[size * scale];
            for (int k = 0; k < plan.Tiles.Count; k++)
            {
                var t = plan.Tiles[k];
                Assert.InRange(t.KeepStart, 0, size);
                Assert.InRange(t.KeepEnd, t.KeepStart + 1, size);
                Assert.True(t.KeepStart >= t.WindowStart + overlap || t.KeepStart == 0, $"tile {k}: keep starts inside the context");
                Assert.True(t.KeepEnd <= t.WindowStart + t.WindowSize - overlap || t.KeepEnd == size, $"tile {k}: keep ends inside the context");
                for (int q = t.KeepStart * scale; q < t.KeepEnd * scale; q++)
                {
                    sum[q] += plan.Weight(k, q, scale);
                }
            }

            Assert.All(sum, v => Assert.Equal(1.0, v, 5));
        }
    }
}
