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

            // Even split: inner cores within one multipleOf of each other; the edge ones longer by at most the context
            // they do not need beyond the image; no sliver.
            var cores = plan.Tiles.Select(t => t.CoreEnd - t.CoreStart).ToArray();
            if (cores.Length > 2)
            {
                Assert.InRange(cores[1..^1].Max() - cores[1..^1].Min(), 0, multipleOf);
            }

            Assert.Equal(plan.LongestCore, cores.Max());
            Assert.True(cores.Min() >= plan.LongestCore - plan.Context - (2 * multipleOf), $"cores {string.Join(", ", cores)}");

            // What the model reads along the axis: the image (rounded up to multipleOf) plus context on both sides of
            // every seam, plus at most multipleOf of rounding per window.
            int n = plan.Tiles.Count;
            Assert.True((long)n * plan.WindowSize <= TilePlanner.RoundUp(size, multipleOf) + (2L * (n - 1) * plan.Context) + ((long)n * multipleOf), $"{n} windows of {plan.WindowSize} over {size}");
        }
    }

    [Fact]
    public void APhotoGetsTheWindowsThatReadFewestPixels()
    {
        // Issue 21's bench image at the default budget with the shipped denoiser's context (24 + 12/2 → 32): two strips
        // of 1000×536 read 1.07× the image; a 2×2 grid of 536² windows would read 1.15×, and with reflected context at
        // the image's edges (the old plan) 4 windows of 568² read 1.29×.
        var (x, y) = TilePlanner.Plan(1000, 1000, 768, 24, 12, 8, lanes: 2);
        Assert.Equal((1, 2, 1000, 536), (x.Tiles.Count, y.Tiles.Count, x.WindowSize, y.WindowSize));
        Assert.Equal([0, 464], y.Tiles.Select(t => t.WindowStart));

        // A 12 MP photo at a 1024² budget: 4×4 windows of 1048×800 (1.12× the photo; 1.16× before).
        (x, y) = TilePlanner.Plan(4000, 3000, 1024, 24, 12, 8, lanes: 2);
        Assert.Equal((4, 4, 1048, 800), (x.Tiles.Count, y.Tiles.Count, x.WindowSize, y.WindowSize));

        // One window that fits runs on every core: never split for the lanes' sake; it is the whole image, no border.
        (x, y) = TilePlanner.Plan(1000, 1000, 1280, 24, 12, 8, lanes: 2);
        Assert.Equal((1, 1, 1000, 1000), (x.Tiles.Count, y.Tiles.Count, x.WindowSize, y.WindowSize));
    }

    [Theory]
    [InlineData(1000, 768, 24, 12, 8)]
    [InlineData(1001, 768, 24, 12, 8)]
    [InlineData(10000, 768, 24, 12, 8)]
    [InlineData(223, 128, 45, 22, 8)]
    [InlineData(2000, 768, 6, 3, 1)]
    [InlineData(37, 16, 1, 0, 1)]
    public void WindowsStayInsideTheImageRoundedUpToMultipleOf(int size, int tile, int overlap, int feather, int multipleOf)
    {
        var plan = TilePlanner.PlanAxis(size, tile, overlap, feather, multipleOf);
        Assert.All(plan.Tiles, t => Assert.InRange(t.WindowStart, 0, TilePlanner.RoundUp(size, multipleOf) - t.WindowSize));
        Assert.Equal(0, plan.Tiles[0].WindowStart);
        Assert.Equal(TilePlanner.RoundUp(size, multipleOf), plan.Tiles[^1].WindowStart + plan.WindowSize);
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
