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
        foreach (int scale in new[] { 1, 2 })
        {
            var plan = TilePlanner.PlanAxis(size, tile, overlap, feather, multipleOf);
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
