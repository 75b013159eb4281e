namespace AePaint.Imaging.Jpeg;

/// <summary>
/// The JPEG quality an image was last saved at, read from its pixels alone (the effect has no file, and our PNG
/// copies of JPEGs keep none): a decoded JPEG's luma, cut into the encoder's 8×8 blocks, has DCT coefficients that
/// sit on multiples of its quantisation table, up to the decoder's 8-bit rounding (≈ 0.4 RMS). The coarsest libjpeg
/// table (<see cref="JpegQuality.Scaled"/>) whose lattice the coefficients fit is the quality. Finer tables fit too
/// (their steps divide the coefficients about as well), coarser ones do not, so the scan runs from coarse to fine.
/// Only the grid anchored at the top-left corner is tried: a crop or resize after the JPEG reads as no JPEG.
/// </summary>
public static class JpegGridQuality
{
    /// <summary>Largest RMS distance from the lattice (0..255 units) that still counts as on it.</summary>
    public const double LatticeTolerance = 0.8;

    /// <summary>Fewest informative coefficients (a nonzero step on the lattice) a verdict needs.</summary>
    public const int MinCoefficients = 100;

    /// <summary>Qualities above this quantise too finely (steps of 1–2) to be told from an image never compressed.</summary>
    public const int MaxQuality = 95;

    /// <summary>Blocks read at most, spread evenly over the image.</summary>
    public const int MaxBlocks = 4096;

    private static readonly double[] Basis = BuildBasis();

    /// <summary>The libjpeg quality (1–<see cref="MaxQuality"/>) the image was saved at, or null when none fits.</summary>
    public static int? Read(Bgra8Image image)
    {
        var blocks = LumaBlocks(image);
        for (int q = 1; q <= MaxQuality; q++)
        {
            if (Fits(blocks, JpegQuality.Scaled(q)))
            {
                return q;
            }
        }

        return null;
    }

    /// <summary>Whether the blocks' coefficients lie on <paramref name="table"/>'s lattice (steps of 1 carry no information).</summary>
    private static bool Fits(List<double[]> blocks, int[] table)
    {
        double error = 0;
        int count = 0;
        foreach (var c in blocks)
        {
            for (int k = 0; k < 64; k++)
            {
                int step = table[k];
                if (step < 2 || Math.Abs(c[k]) < 0.5 * step)
                {
                    continue;
                }

                double d = c[k] - (step * Math.Round(c[k] / step));
                error += d * d;
                count++;
            }
        }

        return count >= MinCoefficients && Math.Sqrt(error / count) <= LatticeTolerance;
    }

    /// <summary>
    /// DCT of BT.601 luma (JPEG's Y, 0..255, minus 128) for up to <see cref="MaxBlocks"/> grid-aligned blocks; blocks
    /// with a clipped channel are left out (clipping moves pixels off the lattice).
    /// </summary>
    private static List<double[]> LumaBlocks(Bgra8Image image)
    {
        int cols = image.Width / 8, rows = image.Height / 8;
        int stride = Math.Max(1, (int)Math.Ceiling(Math.Sqrt((double)cols * rows / MaxBlocks)));
        var blocks = new List<double[]>();
        var pixels = new double[64];
        var rowPass = new double[64];
        byte[] data = image.Data;
        for (int by = 0; by < rows; by += stride)
        {
            for (int bx = 0; bx < cols; bx += stride)
            {
                if (!ReadBlock(data, image.Width, bx * 8, by * 8, pixels))
                {
                    continue;
                }

                var c = new double[64];
                Transform(pixels, rowPass, c);
                blocks.Add(c);
            }
        }

        return blocks;
    }

    private static bool ReadBlock(byte[] data, int width, int x0, int y0, double[] pixels)
    {
        for (int y = 0; y < 8; y++)
        {
            int o = (((y0 + y) * width) + x0) * 4;
            for (int x = 0; x < 8; x++, o += 4)
            {
                byte b = data[o], g = data[o + 1], r = data[o + 2];
                if (r is 0 or 255 || g is 0 or 255 || b is 0 or 255)
                {
                    return false;
                }

                pixels[(y * 8) + x] = (0.299 * r) + (0.587 * g) + (0.114 * b) - 128;
            }
        }

        return true;
    }

    /// <summary>The orthonormal 8×8 DCT-II (JPEG's FDCT): two 1-D passes, each writing its result transposed.</summary>
    private static void Transform(double[] pixels, double[] rowPass, double[] coefficients)
    {
        Pass(pixels, rowPass);
        Pass(rowPass, coefficients);
    }

    private static void Pass(double[] source, double[] transposed)
    {
        for (int row = 0; row < 8; row++)
        {
            for (int u = 0; u < 8; u++)
            {
                double s = 0;
                for (int x = 0; x < 8; x++)
                {
                    s += Basis[(u * 8) + x] * source[(row * 8) + x];
                }

                transposed[(u * 8) + row] = s;
            }
        }
    }

    private static double[] BuildBasis()
    {
        var basis = new double[64];
        for (int u = 0; u < 8; u++)
        {
            for (int x = 0; x < 8; x++)
            {
                basis[(u * 8) + x] = (u == 0 ? Math.Sqrt(0.125) : 0.5) * Math.Cos(((2 * x) + 1) * u * Math.PI / 16);
            }
        }

        return basis;
    }
}
