namespace AePaint.Imaging.Metrics;

/// <summary>
/// Full-reference quality metrics on planar images, over all channels, with an optional border of
/// <c>border</c> pixels ignored on every side (the SR protocol crops <c>scale</c> pixels).
/// Sums are in double.
/// </summary>
public static class ImageMetrics
{
    /// <summary>Mean squared error over all channels and the cropped area.</summary>
    public static double Mse(PlanarImage a, PlanarImage b, int border = 0)
    {
        CheckPair(a, b, border, 1);
        int w = a.Width, h = a.Height;
        double sum = 0;
        for (int c = 0; c < a.Channels; c++)
        {
            var pa = a.Plane(c);
            var pb = b.Plane(c);
            for (int y = border; y < h - border; y++)
            {
                int o = y * w;
                double row = 0;
                for (int x = border; x < w - border; x++)
                {
                    double d = (double)pa[o + x] - pb[o + x];
                    row += d * d;
                }

                sum += row;
            }
        }

        return sum / ((double)a.Channels * (w - (2 * border)) * (h - (2 * border)));
    }

    /// <summary>
    /// PSNR = 10·log10(peak² / MSE) in dB over all channels. Identical images give
    /// <see cref="double.PositiveInfinity"/> (no cap); callers averaging over a set should handle it.
    /// </summary>
    public static double Psnr(PlanarImage a, PlanarImage b, double peak = 1.0, int border = 0)
    {
        double mse = Mse(a, b, border);
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(peak * peak / mse);
    }

    /// <summary>
    /// SSIM of Wang et al. 2004 as the reference <c>ssim_index.m</c> computes it: 11×11 Gaussian window
    /// (σ 1.5, normalised), K1 0.01, K2 0.03, L = <paramref name="peak"/>, 'valid' filtering (no padding,
    /// no automatic downsampling), mean of the SSIM map; with several channels, the mean over channels.
    /// The cropped image must be at least 11×11.
    /// </summary>
    public static double Ssim(PlanarImage a, PlanarImage b, double peak = 1.0, int border = 0)
    {
        CheckPair(a, b, border, Window);
        double total = 0;
        for (int c = 0; c < a.Channels; c++)
        {
            total += SsimPlane(a, b, c, peak, border);
        }

        return total / a.Channels;
    }

    private const int Window = 11;

    private static readonly double[] Gauss = BuildGauss();

    private static double SsimPlane(PlanarImage a, PlanarImage b, int c, double peak, int border)
    {
        double c1 = (0.01 * peak) * (0.01 * peak);
        double c2 = (0.03 * peak) * (0.03 * peak);
        int w = a.Width - (2 * border), h = a.Height - (2 * border);
        int vw = w - Window + 1, vh = h - Window + 1;
        var pa = a.Plane(c);
        var pb = b.Plane(c);

        // Horizontal pass: five 'valid' filtered planes of size vw × h.
        var hx = new double[vw * h];
        var hy = new double[vw * h];
        var hxx = new double[vw * h];
        var hyy = new double[vw * h];
        var hxy = new double[vw * h];
        for (int y = 0; y < h; y++)
        {
            int src = ((y + border) * a.Width) + border;
            for (int x = 0; x < vw; x++)
            {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int k = 0; k < Window; k++)
                {
                    double g = Gauss[k];
                    double u = pa[src + x + k], v = pb[src + x + k];
                    sx += g * u;
                    sy += g * v;
                    sxx += g * u * u;
                    syy += g * v * v;
                    sxy += g * u * v;
                }

                int o = (y * vw) + x;
                hx[o] = sx;
                hy[o] = sy;
                hxx[o] = sxx;
                hyy[o] = syy;
                hxy[o] = sxy;
            }
        }

        double sum = 0;
        for (int y = 0; y < vh; y++)
        {
            double row = 0;
            for (int x = 0; x < vw; x++)
            {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int k = 0; k < Window; k++)
                {
                    double g = Gauss[k];
                    int o = ((y + k) * vw) + x;
                    mx += g * hx[o];
                    my += g * hy[o];
                    mxx += g * hxx[o];
                    myy += g * hyy[o];
                    mxy += g * hxy[o];
                }

                double mx2 = mx * mx, my2 = my * my, mxmy = mx * my;
                double num = ((2 * mxmy) + c1) * ((2 * (mxy - mxmy)) + c2);
                double den = (mx2 + my2 + c1) * ((mxx - mx2) + (myy - my2) + c2);
                row += num / den;
            }

            sum += row;
        }

        return sum / ((double)vw * vh);
    }

    // fspecial('gaussian', 11, 1.5) is the outer product of this normalised 1-D kernel with itself.
    private static double[] BuildGauss()
    {
        var g = new double[Window];
        double s = 0;
        for (int i = 0; i < Window; i++)
        {
            double d = i - (Window / 2);
            g[i] = Math.Exp(-(d * d) / (2 * 1.5 * 1.5));
            s += g[i];
        }

        for (int i = 0; i < Window; i++)
        {
            g[i] /= s;
        }

        return g;
    }

    private static void CheckPair(PlanarImage a, PlanarImage b, int border, int minSize)
    {
        if (a.Channels != b.Channels || a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"Images differ in shape: {a.Channels}×{a.Width}×{a.Height} vs {b.Channels}×{b.Width}×{b.Height}.", nameof(b));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(border);
        if (a.Width - (2 * border) < minSize || a.Height - (2 * border) < minSize)
        {
            throw new ArgumentException($"A {a.Width}×{a.Height} image less a {border}-pixel border is smaller than {minSize}×{minSize}.", nameof(a));
        }
    }
}
