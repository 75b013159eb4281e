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

    /// <summary>σ of the reference run whose output stands for the photo's structure (the noise gone).</summary>
    public const float ReferenceSigma = 27f;

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

    /// <summary>Fractions of the statistical reading tried in turn, highest first, until the model removes no structure.</summary>
    public static readonly double[] Ladder = [1, 0.7, 0.5, 0.35, 0.25];

    /// <summary>
    /// The statistical reading <paramref name="measured"/> capped by what <paramref name="model"/> removes: the highest
    /// rung of <see cref="Ladder"/> whose <see cref="MethodNoiseStats.Signed"/> is at most <paramref name="limit"/>, 0
    /// when none is (or when the reading is below <see cref="NoiseLevel.NothingBelow"/>).
    /// </summary>
    public static double Cap(ITileModel model, Bgra8Image image, double measured, double limit)
    {
        if (measured < NoiseLevel.NothingBelow)
        {
            return measured;
        }

        var windows = Windows(image);
        var reference = Run(model, windows, ReferenceSigma).Output;
        foreach (double f in Ladder)
        {
            double sigma = measured * f;
            if (sigma < NoiseLevel.NothingBelow)
            {
                break;
            }

            if (Structure(model, windows, (float)Math.Min(sigma, ReferenceSigma), reference).Signed <= limit)
            {
                return sigma;
            }
        }

        return 0;
    }

    /// <summary>The model's luma outputs on <paramref name="windows"/> at <paramref name="sigma"/>, and the inputs' luma.</summary>
    public static (float[][] Input, float[][] Output) Run(ITileModel model, IReadOnlyList<Bgra8Image> windows, float sigma)
    {
        var input = new float[windows.Count][];
        var output = new float[windows.Count][];
        for (int i = 0; i < windows.Count; i++)
        {
            input[i] = Luma(PixelConversion.ToPlanar(windows[i]));
            output[i] = Luma(TiledRunner.RunToPlanar(model, windows[i], new RunSettings { Sigma = sigma }).Image);
        }

        return (input, output);
    }

    /// <summary>
    /// What the model removes at <paramref name="sigma"/> against <paramref name="reference"/>'s structure (its outputs
    /// at a higher σ, where the noise is gone): the signed correlation of the luma residual with the reference's
    /// high-pass (≈ 0 when only noise is removed, large when structure is), the correlation of their energies, and the
    /// residual's RMS (0..1 units).
    /// </summary>
    public static MethodNoiseStats Structure(ITileModel model, IReadOnlyList<Bgra8Image> windows, float sigma, float[][] reference)
    {
        var (input, output) = Run(model, windows, sigma);
        double rh = 0, rr = 0, hh = 0, n = 0, e1 = 0, e2 = 0, e11 = 0, e22 = 0, e12 = 0;
        for (int i = 0; i < windows.Count; i++)
        {
            int w = windows[i].Width, h = windows[i].Height;
            var yIn = input[i];
            var yOut = output[i];
            var yRef = reference[i];
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
                            local += yRef[p + (dy * w) + dx];
                        }
                    }

                    double high = yRef[p] - (local / 9);
                    double removed = yIn[p] - yOut[p];
                    rh += removed * high;
                    rr += removed * removed;
                    hh += high * high;
                    double a = removed * removed, b = high * high;
                    n++;
                    e1 += a;
                    e2 += b;
                    e11 += a * a;
                    e22 += b * b;
                    e12 += a * b;
                }
            }
        }

        double signed = rr <= 0 || hh <= 0 ? 0 : rh / Math.Sqrt(rr * hh);
        double va = (e11 / n) - ((e1 / n) * (e1 / n)), vb = (e22 / n) - ((e2 / n) * (e2 / n));
        double energy = va <= 0 || vb <= 0 ? 0 : ((e12 / n) - ((e1 / n) * (e2 / n))) / Math.Sqrt(va * vb);
        return new MethodNoiseStats(signed, energy, Math.Sqrt(rr / Math.Max(n, 1)));
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
