namespace AePaint.Imaging.Noise;

/// <summary>
/// Local noise of one plane, block by block: Immerkær's estimator ("Fast noise variance estimation", CVIU 1996) —
/// the mean |L ∗ I| of the 3×3 Laplacian difference L = [1 −2 1; −2 4 −2; 1 −2 1] times √(π/2)/6, exact for white
/// Gaussian noise on any locally linear signal — over each <c>block</c>×<c>block</c> tile. Texture and edges raise a
/// block's value, never lower it, so a low quantile over blocks reads the noise of the flattest parts of the photo.
/// Blocks whose mean is within 3 % of black or white are left out (clipping removes noise there).
/// </summary>
public static class BlockNoise
{
    public const int DefaultBlock = 8;

    private const float ClipMargin = 0.03f;

    /// <summary>Every unclipped block of <paramref name="plane"/> (<paramref name="width"/> wide), in raster order.</summary>
    public static BlockSample[] Measure(ReadOnlySpan<float> plane, int width, int height, int block = DefaultBlock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(block, 2);
        var samples = new List<BlockSample>();
        double scale = Math.Sqrt(Math.PI / 2) / 6 * 255 / (block * block);
        for (int by = 1; by + block < height; by += block)
        {
            for (int bx = 1; bx + block < width; bx += block)
            {
                double sum = 0, mean = 0;
                for (int y = by; y < by + block; y++)
                {
                    int row = y * width;
                    for (int x = bx; x < bx + block; x++)
                    {
                        int i = row + x;
                        float m = plane[i - width - 1] - (2 * plane[i - width]) + plane[i - width + 1]
                            - (2 * plane[i - 1]) + (4 * plane[i]) - (2 * plane[i + 1])
                            + plane[i + width - 1] - (2 * plane[i + width]) + plane[i + width + 1];
                        sum += Math.Abs(m);
                        mean += plane[i];
                    }
                }

                float level = (float)(mean / (block * block));
                if (level >= ClipMargin && level <= 1 - ClipMargin)
                {
                    samples.Add(new BlockSample(level, (float)(sum * scale)));
                }
            }
        }

        return samples.ToArray();
    }

    /// <summary>The <paramref name="fraction"/> quantile (0..1) of the blocks' σ; 0 when there are none.</summary>
    public static double Quantile(IEnumerable<BlockSample> blocks, double fraction)
    {
        var sigmas = blocks.Select(b => b.Sigma).ToArray();
        if (sigmas.Length == 0)
        {
            return 0;
        }

        Array.Sort(sigmas);
        return sigmas[Math.Clamp((int)(fraction * sigmas.Length), 0, sigmas.Length - 1)];
    }

    /// <summary>
    /// The plane reduced by <paramref name="factor"/> (mean of each factor×factor cell; a ragged edge is dropped).
    /// Averaging turns noise that is correlated over a few pixels (demosaicing, JPEG) nearly white at the new scale.
    /// </summary>
    public static float[] Reduce(ReadOnlySpan<float> plane, int width, int height, int factor, out int reducedWidth, out int reducedHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        int w = width / factor, h = height / factor;
        var r = new float[w * h];
        float norm = 1f / (factor * factor);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float s = 0;
                for (int dy = 0; dy < factor; dy++)
                {
                    int row = (((y * factor) + dy) * width) + (x * factor);
                    for (int dx = 0; dx < factor; dx++)
                    {
                        s += plane[row + dx];
                    }
                }

                r[(y * w) + x] = s * norm;
            }
        }

        reducedWidth = w;
        reducedHeight = h;
        return r;
    }
}
