using AePaint.Imaging;

namespace AePaint.Inference;

/// <summary>
/// The model judges a noise level by what it removes ("method noise", input − output): noise removed at the right σ is
/// unrelated to the picture left behind, while a σ too high for the photo also removes edges and texture, and what it
/// removes then lines up with what remains. <see cref="Structure"/> is that alignment, the correlation of the luma
/// residual with the high-pass of the output (signed, so signal-dependent noise amplitude does not count), pooled over
/// a few small windows of the photo (Zhu &amp; Milanfar's method-noise independence idea, made cheap).
/// </summary>
public static class MethodNoise
{
    /// <summary>Side of the windows the model is run on.</summary>
    public const int Window = 128;

    /// <summary>Windows at most: a 3 × 2 grid over the central crop <see cref="NoiseLevel"/> reads.</summary>
    public const int Columns = 3;

    public const int Rows = 2;

    /// <summary>Pixels at each window's edge left out of the statistic (the model sees no context there).</summary>
    public const int Border = 8;

    /// <summary>The windows of <paramref name="image"/> the judge reads (the image itself when it is smaller than one).</summary>
    public static IReadOnlyList<Bgra8Image> Windows(Bgra8Image image)
    {
        int w = Math.Min(image.Width, NoiseLevel.MaxCrop), h = Math.Min(image.Height, NoiseLevel.MaxCrop);
        int x0 = (image.Width - w) / 2, y0 = (image.Height - h) / 2;
        int side = Math.Min(Window, Math.Min(w, h));
        int cols = Math.Clamp(w / side, 1, Columns), rows = Math.Clamp(h / side, 1, Rows);
        var list = new List<Bgra8Image>(cols * rows);
        for (int j = 0; j < rows; j++)
        {
            for (int i = 0; i < cols; i++)
            {
                int x = x0 + (int)((long)(w - side) * (2 * i + 1) / (2 * cols));
                int y = y0 + (int)((long)(h - side) * (2 * j + 1) / (2 * rows));
                list.Add(image.Crop(x, y, side, side));
            }
        }

        return list;
    }

    /// <summary>
    /// Correlation (−1..1) of what <paramref name="model"/> removes at <paramref name="sigma"/> with the high-pass of
    /// what it leaves, over <paramref name="windows"/> (luma, BT.601): ≈ 0 when it removes noise only, large when it
    /// removes structure. 0 when nothing is removed.
    /// </summary>
    public static double Structure(ITileModel model, IReadOnlyList<Bgra8Image> windows, float sigma)
    {
        double rh = 0, rr = 0, hh = 0;
        foreach (var window in windows)
        {
            var input = PixelConversion.ToPlanar(window);
            var output = TiledRunner.RunToPlanar(model, window, new RunSettings { Sigma = sigma }).Image;
            var yIn = Luma(input);
            var yOut = Luma(output);
            int w = window.Width, h = window.Height;
            for (int y = Border; y < h - Border; y++)
            {
                for (int x = Border; x < w - Border; x++)
                {
                    int p = (y * w) + x;
                    double local = 0;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            local += yOut[p + (dy * w) + dx];
                        }
                    }

                    double high = yOut[p] - (local / 9);
                    double removed = yIn[p] - yOut[p];
                    rh += removed * high;
                    rr += removed * removed;
                    hh += high * high;
                }
            }
        }

        return rr <= 0 || hh <= 0 ? 0 : rh / Math.Sqrt(rr * hh);
    }

    private static float[] Luma(PlanarImage image)
    {
        var r = image.Plane(0);
        var g = image.Plane(1);
        var b = image.Plane(2);
        var y = new float[image.PlaneSize];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (0.299f * r[i]) + (0.587f * g[i]) + (0.114f * b[i]);
        }

        return y;
    }
}
