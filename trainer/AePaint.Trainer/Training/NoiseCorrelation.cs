namespace AePaint.Trainer.Training;

/// <summary>
/// Whether the noise in noisy photos is independent from pixel to pixel, read from the photos alone. In the flattest
/// 16×16 blocks of the green plane, the mean square of differences two pixels apart is compared with that of
/// neighbours' differences (both directions): for noise of variance σ² and neighbour correlations ρ₁, ρ₂ they are
/// 2σ²(1 − ρ₂) and 2σ²(1 − ρ₁), so white noise reads ≈ 1 and a camera JPEG's demosaiced, sharpened, compressed noise
/// (ρ₁ ≈ 0.5, ρ₂ ≈ 0.1) ≈ 1.8. Smooth content adds more to the wider difference, so little noise also reads high.
/// Neighbor2Neighbor needs the first case: with correlated noise its pairs share noise, the net learns to keep it,
/// and its self-supervised loss still falls — so that loss cannot judge a fine-tune.
/// </summary>
internal static class NoiseCorrelation
{
    /// <summary>Above this ratio the noise is treated as correlated (white noise on textured photos reads ≤ ~1.2).</summary>
    public const double CorrelatedAbove = 1.35;

    private const int Block = 16;

    /// <summary>The ratio over the flattest fifth of all blocks of the batches' images (NaN when none fits a block).</summary>
    public static double DifferenceRatio(IEnumerable<Batch> batches)
    {
        var blocks = new List<(double Lag1, double Lag2)>();
        foreach (var b in batches)
        {
            int w = b.Width, h = b.Height, plane = w * h;
            for (int i = 0; i < b.Count; i++)
            {
                // The green plane: the one a Bayer sensor samples most, least touched by chroma smoothing.
                var g = b.Input.AsSpan(((i * b.InputChannels) + 1) * plane, plane);
                for (int by = 0; by + Block + 2 <= h; by += Block)
                {
                    for (int bx = 0; bx + Block + 2 <= w; bx += Block)
                    {
                        blocks.Add(BlockSums(g, w, bx, by));
                    }
                }
            }
        }

        if (blocks.Count == 0)
        {
            return double.NaN;
        }

        var flattest = blocks.OrderBy(x => x.Lag1 + x.Lag2).Take(Math.Max(1, blocks.Count / 5)).ToArray();
        double lag1 = flattest.Sum(x => x.Lag1), lag2 = flattest.Sum(x => x.Lag2);
        return lag1 > 0 ? lag2 / lag1 : double.NaN;
    }

    /// <summary>The run log's line about <paramref name="ratio"/>.</summary>
    public static string Describe(double ratio) => ratio > CorrelatedAbove
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"noise: spatially correlated (difference ratio {ratio:F2} on the held-out photos; white noise ≈ 1, correlated above {CorrelatedAbove}), as in camera JPEGs: Neighbor2Neighbor learns to keep part of such noise and its self-supervised loss cannot judge the result, so a fine-tune is exported only when --clean-reference lets the hold-out be scored by PSNR")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"noise: about independent from pixel to pixel (difference ratio {ratio:F2} on the held-out photos; white noise ≈ 1), as Neighbor2Neighbor assumes");

    private static (double Lag1, double Lag2) BlockSums(ReadOnlySpan<float> g, int w, int bx, int by)
    {
        double s1 = 0, s2 = 0;
        for (int y = by; y < by + Block; y++)
        {
            for (int x = bx; x < bx + Block; x++)
            {
                float v = g[(y * w) + x];
                double h1 = g[(y * w) + x + 1] - v, h2 = g[(y * w) + x + 2] - v;
                double v1 = g[((y + 1) * w) + x] - v, v2 = g[((y + 2) * w) + x] - v;
                s1 += (h1 * h1) + (v1 * v1);
                s2 += (h2 * h2) + (v2 * v2);
            }
        }

        return (s1, s2);
    }
}
