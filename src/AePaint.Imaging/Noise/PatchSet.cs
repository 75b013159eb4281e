using System.Numerics;
using System.Runtime.InteropServices;

namespace AePaint.Imaging.Noise;

/// <summary>
/// Patches taken on a regular grid of an image (spanning <c>planes</c> planes, centred on 0.5), each with
/// its texture energy ξ (sum of squared horizontal and vertical neighbour differences inside the patch).
/// Backs <see cref="NoiseEstimator"/>.
/// </summary>
internal sealed class PatchSet
{
    // Patches summed in float before each flush into the double sums.
    private const int Batch = 128;

    private readonly float[] _values; // patch k at k·RowLength, zero-padded to whole vectors

    public PatchSet(PlanarImage image, int patchSize, int planes, int maxPatches)
    {
        int nx = image.Width - patchSize + 1, ny = image.Height - patchSize + 1;
        int stride = (int)Math.Max(1, Math.Ceiling(Math.Sqrt((double)nx * ny / maxPatches)));
        int columns = ((nx - 1) / stride) + 1, rows = ((ny - 1) / stride) + 1;
        int x0 = (nx - 1 - ((columns - 1) * stride)) / 2, y0 = (ny - 1 - ((rows - 1) * stride)) / 2;
        PatchSize = patchSize;
        Dimension = patchSize * patchSize * planes;
        RowLength = Dimension + Vector<float>.Count;
        GridCount = columns * rows;
        _values = new float[GridCount * RowLength];
        var texture = new float[GridCount];
        var clipped = new bool[GridCount];
        Parallel.For(0, rows, gy =>
        {
            for (int gx = 0; gx < columns; gx++)
            {
                int k = (gy * columns) + gx;
                clipped[k] = Read(image, planes, patchSize, x0 + (gx * stride), y0 + (gy * stride), _values.AsSpan(k * RowLength, Dimension), out texture[k]);
            }
        });

        // Clipped pixels (exactly 0 or 1) carry no noise; leave their patches out unless that leaves too few.
        var kept = Enumerable.Range(0, GridCount).Where(k => !clipped[k]).ToArray();
        All = kept.Length >= 4 * Dimension ? kept : [.. Enumerable.Range(0, GridCount)];
        Texture = texture;
    }

    public int PatchSize { get; }

    public int Dimension { get; }

    public int RowLength { get; }

    /// <summary>Patches on the grid, before leaving out clipped ones.</summary>
    public int GridCount { get; }

    /// <summary>The patches to use: the unclipped ones (or every one, if too few are unclipped).</summary>
    public int[] All { get; }

    /// <summary>ξ per grid patch (in [0, 1]² units).</summary>
    public float[] Texture { get; }

    /// <summary>
    /// The covariance (d×d, row-major, divided by the count) of the patches in <paramref name="selection"/>.
    /// </summary>
    public double[] Covariance(int[] selection)
    {
        int d = Dimension, rowLen = RowLength;
        var cross = new double[d * rowLen];
        var sum = new double[d];
        int chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, selection.Length / 1024));
        var gate = new object();
        Parallel.For(0, chunks, chunk =>
        {
            var localCross = new double[cross.Length];
            var localSum = new double[d];
            Accumulate(selection.AsSpan((chunk * selection.Length / chunks)..((chunk + 1) * selection.Length / chunks)), localCross, localSum);
            lock (gate)
            {
                for (int i = 0; i < cross.Length; i++)
                {
                    cross[i] += localCross[i];
                }

                for (int i = 0; i < d; i++)
                {
                    sum[i] += localSum[i];
                }
            }
        });

        double n = selection.Length;
        var cov = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = i; j < d; j++)
            {
                double v = (cross[(i * rowLen) + j] - (sum[i] * sum[j] / n)) / n;
                cov[(i * d) + j] = v;
                cov[(j * d) + i] = v;
            }
        }

        return cov;
    }

    /// <summary>
    /// The value ξ/σ² stays under on a patch of white noise of variance σ², with the confidence of the normal
    /// quantile <paramref name="z"/>: ξ = nᵀMn with M = Σ (DₕᵀDₕ + DᵥᵀDᵥ), matched to a scaled χ² by its mean tr M and variance
    /// 2 tr M², and the χ² quantile by Wilson–Hilferty.
    /// </summary>
    public double NoiseTextureQuantile(double z)
    {
        int ps = PatchSize, n = ps * ps;
        var m = new double[n * n];
        for (int y = 0; y < ps; y++)
        {
            for (int x = 0; x < ps; x++)
            {
                int i = (y * ps) + x;
                if (x + 1 < ps)
                {
                    AddDifference(m, n, i, i + 1);
                }

                if (y + 1 < ps)
                {
                    AddDifference(m, n, i, i + ps);
                }
            }
        }

        double tr = 0, tr2 = 0;
        for (int i = 0; i < n; i++)
        {
            tr += m[(i * n) + i];
        }

        foreach (double v in m)
        {
            tr2 += v * v;
        }

        int planes = Dimension / n;
        tr *= planes;
        tr2 *= planes;
        double nu = tr * tr / tr2, scale = tr2 / tr;
        double h = 2 / (9 * nu);
        double cube = 1 - h + (z * Math.Sqrt(h));
        return scale * nu * cube * cube * cube;
    }

    private static void AddDifference(double[] m, int n, int a, int b)
    {
        m[(a * n) + a] += 1;
        m[(b * n) + b] += 1;
        m[(a * n) + b] -= 1;
        m[(b * n) + a] -= 1;
    }

    private static bool Read(PlanarImage image, int planes, int ps, int x0, int y0, Span<float> patch, out float texture)
    {
        int w = image.Width, k = 0;
        bool clipped = false;
        double xi = 0;
        var data = image.Data;
        for (int c = 0; c < planes; c++)
        {
            for (int dy = 0; dy < ps; dy++)
            {
                int at = (c * image.PlaneSize) + ((y0 + dy) * w) + x0;
                for (int dx = 0; dx < ps; dx++)
                {
                    float v = data[at + dx];
                    clipped |= v is 0f or 1f;
                    patch[k++] = v - 0.5f;
                    if (dx + 1 < ps)
                    {
                        float g = data[at + dx + 1] - v;
                        xi += g * g;
                    }

                    if (dy + 1 < ps)
                    {
                        float g = data[at + dx + w] - v;
                        xi += g * g;
                    }
                }
            }
        }

        texture = (float)xi;
        return clipped;
    }

    // Adds Σ p and the upper triangle of Σ p pᵀ (row i from column i, rows RowLength long).
    private void Accumulate(ReadOnlySpan<int> selection, double[] cross, double[] sum)
    {
        int d = Dimension, rowLen = RowLength, vl = Vector<float>.Count;
        var batch = new float[d * rowLen];
        ref float b0 = ref MemoryMarshal.GetArrayDataReference(batch);
        ref float v0 = ref MemoryMarshal.GetArrayDataReference(_values);
        int inBatch = 0;
        foreach (int k in selection)
        {
            nuint p = (nuint)k * (nuint)rowLen;
            for (int i = 0; i < d; i++)
            {
                float pi = _values[(int)p + i];
                sum[i] += pi;
                var s = new Vector<float>(pi);
                nuint row = (nuint)(i * rowLen);
                for (int j = i; j < d; j += vl)
                {
                    var acc = Vector.LoadUnsafe(ref b0, row + (nuint)j) + (s * Vector.LoadUnsafe(ref v0, p + (nuint)j));
                    acc.StoreUnsafe(ref b0, row + (nuint)j);
                }
            }

            if (++inBatch == Batch)
            {
                Flush(batch, cross, d, rowLen);
                inBatch = 0;
            }
        }

        Flush(batch, cross, d, rowLen);
    }

    private static void Flush(float[] batch, double[] cross, int d, int rowLen)
    {
        for (int i = 0; i < d; i++)
        {
            for (int j = (i * rowLen) + i; j < (i * rowLen) + d; j++)
            {
                cross[j] += batch[j];
                batch[j] = 0;
            }
        }
    }
}
