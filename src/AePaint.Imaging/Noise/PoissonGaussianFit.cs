namespace AePaint.Imaging.Noise;

/// <summary>
/// Fits <see cref="PoissonGaussianModel"/> to photos from their flat regions. Every 8×8 block of every channel, in
/// linear light, gives a mean and a noise variance from the Laplacian-like operator [1 −2 1; −2 4 −2; 1 −2 1]
/// (blind to planes and gradients; for white noise of variance v its output has variance 36·v). Texture only adds
/// variance, so within each brightness bin the flat blocks are the low tail: the bin's 10th percentile, divided by
/// the same percentile for pure white noise (simulated once, seeded), estimates the noise variance there. A weighted
/// least-squares line through the bins (a, b ≥ 0) is the model. Blocks with a clipped pixel (0 or 255) are ignored.
/// Camera JPEGs smooth noise in flat areas, so on them the fit reads low; it measures what remains in the file.
/// </summary>
public static class PoissonGaussianFit
{
    public const int BlockSize = 8;

    public const double Quantile = 0.1;

    /// <summary>Bins with fewer blocks than this are not used.</summary>
    public const int MinBlocksPerBin = 40;

    private const int Bins = 16;

    private static readonly Lazy<double> WhiteQuantileRatio = new(SimulateWhiteQuantile);

    /// <summary>Block statistics of one sRGB photo (3 planes, [0, 1]).</summary>
    public static List<NoiseBlock> Blocks(PlanarImage srgb)
    {
        var blocks = new List<NoiseBlock>();
        int w = srgb.Width, h = srgb.Height;
        var lin = new float[BlockSize * BlockSize];
        for (int c = 0; c < srgb.Channels; c++)
        {
            var plane = srgb.Plane(c);
            for (int by = 0; by + BlockSize <= h; by += BlockSize)
            {
                for (int bx = 0; bx + BlockSize <= w; bx += BlockSize)
                {
                    double sum = 0;
                    bool clipped = false;
                    for (int y = 0; y < BlockSize; y++)
                    {
                        for (int x = 0; x < BlockSize; x++)
                        {
                            float s = plane[((by + y) * w) + bx + x];
                            clipped |= s <= 0.5f / 255 || s >= 254.5f / 255;
                            float v = Srgb.ToLinear(Math.Clamp(s, 0f, 1f));
                            lin[(y * BlockSize) + x] = v;
                            sum += v;
                        }
                    }

                    if (!clipped)
                    {
                        // A block touching 0 or 255 has lost part of its noise to clipping.
                        blocks.Add(new NoiseBlock(sum / lin.Length, LaplacianVariance(lin)));
                    }
                }
            }
        }

        return blocks;
    }

    /// <summary>The model, or null when too few bins have enough unclipped blocks to fit a line.</summary>
    public static PoissonGaussianModel? Fit(IReadOnlyList<NoiseBlock> blocks)
    {
        var points = BinEstimates(blocks);
        if (points.Count < 2)
        {
            return null;
        }

        // Weights n/v²: each bin's estimate has relative error ~1/√n, so bright (large-variance) bins do not dominate.
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var (x, v, n) in points)
        {
            double wgt = n / (v * v);
            sw += wgt;
            sx += wgt * x;
            sy += wgt * v;
            sxx += wgt * x * x;
            sxy += wgt * x * v;
        }

        double det = (sw * sxx) - (sx * sx);
        double a = det > 0 ? ((sw * sxy) - (sx * sy)) / det : 0;
        double b = (sy - (a * sx)) / sw;
        if (a < 0)
        {
            return new PoissonGaussianModel(0, sy / sw);
        }

        if (b < 0)
        {
            return new PoissonGaussianModel(sxy / sxx, 0);
        }

        return new PoissonGaussianModel(a, b);
    }

    /// <summary>Per brightness bin (uniform in sRGB): mean linear intensity, estimated noise variance, block count.</summary>
    public static List<(double X, double Variance, int Count)> BinEstimates(IReadOnlyList<NoiseBlock> blocks)
    {
        var byBin = new List<NoiseBlock>[Bins];
        foreach (var b in blocks)
        {
            if (b.Mean is < 0.002 or > 0.9)
            {
                continue; // near black or white the sensor clips and the variance law breaks
            }

            int bin = Math.Min(Bins - 1, (int)(Srgb.FromLinear((float)b.Mean) * Bins));
            (byBin[bin] ??= []).Add(b);
        }

        var points = new List<(double, double, int)>();
        foreach (var list in byBin)
        {
            if (list is null || list.Count < MinBlocksPerBin)
            {
                continue;
            }

            var sorted = list.OrderBy(b => b.Variance).ToList();
            int k = (int)(Quantile * (sorted.Count - 1));
            double v = sorted[k].Variance / WhiteQuantileRatio.Value;
            if (v > 0)
            {
                points.Add((sorted.Average(b => b.Mean), v, list.Count));
            }
        }

        return points;
    }

    /// <summary>Σ(L·block)² / (36 · count) over the block's interior: the variance for white noise, unbiased.</summary>
    private static double LaplacianVariance(ReadOnlySpan<float> b)
    {
        double sum = 0;
        int n = 0;
        for (int y = 1; y < BlockSize - 1; y++)
        {
            for (int x = 1; x < BlockSize - 1; x++)
            {
                int i = (y * BlockSize) + x;
                double l = b[i - BlockSize - 1] - (2 * b[i - BlockSize]) + b[i - BlockSize + 1]
                         - (2 * b[i - 1]) + (4 * b[i]) - (2 * b[i + 1])
                         + b[i + BlockSize - 1] - (2 * b[i + BlockSize]) + b[i + BlockSize + 1];
                sum += l * l;
                n++;
            }
        }

        return sum / (36.0 * n);
    }

    /// <summary>The <see cref="Quantile"/> of the block variance for unit white noise (fixed seed, 20 000 blocks).</summary>
    private static double SimulateWhiteQuantile()
    {
        var gauss = new GaussianNoise(new Random(20251127));
        var block = new float[BlockSize * BlockSize];
        var v = new double[20_000];
        for (int k = 0; k < v.Length; k++)
        {
            for (int i = 0; i < block.Length; i++)
            {
                block[i] = (float)gauss.Next();
            }

            v[k] = LaplacianVariance(block);
        }

        Array.Sort(v);
        return v[(int)(Quantile * (v.Length - 1))];
    }
}
