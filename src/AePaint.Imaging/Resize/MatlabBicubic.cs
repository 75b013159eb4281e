namespace AePaint.Imaging.Resize;

/// <summary>
/// MATLAB-exact <c>imresize(img, …, 'bicubic')</c>: Keys cubic (a = −0.5), with antialiasing on shrinking
/// (the kernel stretched to h(s·x)·s, width 4/s), MATLAB's 'symmetric' border (edge pixel repeated),
/// output size ceil(s·n), rows resized before columns unless the column scale is smaller (MATLAB
/// resizes the dimension with the smallest scale first; ties go to rows).
/// <para>
/// Two flavours: <see cref="Resize"/> / <see cref="ResizeByScale"/> keep float values (MATLAB on
/// double input), <see cref="ResizeUint8Like"/> / <see cref="ResizeUint8LikeByScale"/> reproduce MATLAB
/// on uint8 input, where imresizemex returns the input class, so the intermediate image after the first
/// pass and the final image are both rounded (half away from zero) and clamped to 0..255.
/// </para>
/// <para>
/// The SR literature's bicubic baseline (SRCNN's protocol) takes Y of the uint8 HR image first and resizes it as
/// floats (<see cref="ResizeByScale"/>, LR not rounded, SR rounded); that reproduces the published Set5/Set14 PSNR
/// and SSIM (MatlabBicubicProtocolTests). Resizing the RGB uint8 images (<see cref="ResizeUint8LikeByScale"/>) and
/// taking Y afterwards, as a model's input needs, reads a few hundredths of a dB lower (figures in models/README.md).
/// </para>
/// </summary>
public static class MatlabBicubic
{
    // Multiply-adds in one pass below which we stay on one thread.
    private const long MinParallelWork = 1 << 18;

    /// <summary>The Keys cubic convolution kernel with a = −0.5 (MATLAB's <c>cubic</c>), support [−2, 2].</summary>
    public static double Cubic(double x)
    {
        double a = Math.Abs(x);
        double a2 = a * a;
        double a3 = a2 * a;
        if (a <= 1)
        {
            return (1.5 * a3) - (2.5 * a2) + 1;
        }

        if (a <= 2)
        {
            return (-0.5 * a3) + (2.5 * a2) - (4 * a) + 2;
        }

        return 0;
    }

    /// <summary>
    /// MATLAB's <c>contributions()</c> for the bicubic kernel. <paramref name="scale"/> is output/input
    /// (what MATLAB uses: the scale passed to imresize, or outSize/inSize when a size was passed).
    /// For output pixel x (1-based) the centre in input coordinates is u = x/s + 0.5·(1 − 1/s); taps are
    /// left = floor(u − width/2) … left + ceil(width) + 1 with width 4 (4/s when shrinking with antialias);
    /// weights are normalised to sum 1; taps outside the axis are mirrored the way MATLAB's
    /// [1..n, n..1] table does (edge pixel repeated); tap columns whose weight is 0 for every output are
    /// dropped, exactly as MATLAB does, so the tap count is the same for every output.
    /// </summary>
    public static ResizeWeights ComputeWeights(int inSize, int outSize, double scale, bool antialias = true)
    {
        var (p, indices, weights) = KernelWeights(inSize, outSize, scale, antialias, Cubic, 4);
        var keep = new List<int>(p);
        for (int t = 0; t < p; t++)
        {
            for (int o = 0; o < outSize; o++)
            {
                if (weights[(o * p) + t] != 0)
                {
                    keep.Add(t);
                    break;
                }
            }
        }

        if (keep.Count == p)
        {
            return new ResizeWeights(inSize, outSize, p, indices, weights);
        }

        int k = keep.Count;
        var ki = new int[outSize * k];
        var kw = new double[outSize * k];
        for (int o = 0; o < outSize; o++)
        {
            for (int t = 0; t < k; t++)
            {
                ki[(o * k) + t] = indices[(o * p) + keep[t]];
                kw[(o * k) + t] = weights[(o * p) + keep[t]];
            }
        }

        return new ResizeWeights(inSize, outSize, k, ki, kw);
    }

    /// <summary>
    /// MATLAB's output length for a scale: ceil(s·n). A product within 1e-9 of an integer counts as that
    /// integer, so 1/3 of 255 is 85 whatever the last bit of 1/3.
    /// </summary>
    public static int OutputSize(int inSize, double scale)
    {
        double v = scale * inSize;
        double r = Math.Round(v);
        return (int)Math.Max(1, Math.Abs(v - r) < 1e-9 * Math.Max(1, r) ? r : Math.Ceiling(v));
    }

    /// <summary>Float bicubic resize to a given size (MATLAB <c>imresize(double, [h w], 'bicubic')</c>).</summary>
    public static PlanarImage Resize(PlanarImage src, int outWidth, int outHeight, bool antialias = true)
        => Run(src, outWidth, outHeight, (double)outWidth / src.Width, (double)outHeight / src.Height, antialias, false);

    /// <summary>Float bicubic resize by a scale (MATLAB <c>imresize(double, s, 'bicubic')</c>).</summary>
    public static PlanarImage ResizeByScale(PlanarImage src, double scale, bool antialias = true)
        => Run(src, OutputSize(src.Width, scale), OutputSize(src.Height, scale), scale, scale, antialias, false);

    /// <summary>
    /// MATLAB <c>imresize(uint8, [h w], 'bicubic')</c>: <paramref name="src0to255"/> must hold whole numbers
    /// in 0..255; the result holds whole numbers in 0..255 (rounded after each pass, as MATLAB does).
    /// </summary>
    public static PlanarImage ResizeUint8Like(PlanarImage src0to255, int outWidth, int outHeight, bool antialias = true)
    {
        CheckUint8(src0to255);
        return Run(src0to255, outWidth, outHeight, (double)outWidth / src0to255.Width, (double)outHeight / src0to255.Height, antialias, true);
    }

    /// <summary>MATLAB <c>imresize(uint8, s, 'bicubic')</c>; see <see cref="ResizeUint8Like"/>.</summary>
    public static PlanarImage ResizeUint8LikeByScale(PlanarImage src0to255, double scale, bool antialias = true)
    {
        CheckUint8(src0to255);
        return Run(src0to255, OutputSize(src0to255.Width, scale), OutputSize(src0to255.Height, scale), scale, scale, antialias, true);
    }

    /// <summary>Resamples rows (the vertical axis) with <paramref name="wy"/>, whose InSize must be the height.</summary>
    public static PlanarImage ResizeVertical(PlanarImage src, ResizeWeights wy, bool quantize = false)
    {
        if (wy.InSize != src.Height)
        {
            throw new ArgumentException($"Weights are for {wy.InSize} rows; the image has {src.Height}.", nameof(wy));
        }

        int w = src.Width, oh = wy.OutSize, taps = wy.TapCount;
        var dst = new PlanarImage(src.Channels, w, oh);
        float[] s = src.Data, d = dst.Data;
        int srcPlane = src.PlaneSize, dstPlane = dst.PlaneSize;
        For(src.Channels * oh, (long)w * taps, () => new double[w], (job, acc) =>
        {
            int c = job / oh, y = job % oh;
            Array.Clear(acc);
            for (int t = 0; t < taps; t++)
            {
                double k = wy.Weights[(y * taps) + t];
                int row = (c * srcPlane) + (wy.Indices[(y * taps) + t] * w);
                for (int x = 0; x < w; x++)
                {
                    acc[x] += k * s[row + x];
                }
            }

            int o = (c * dstPlane) + (y * w);
            for (int x = 0; x < w; x++)
            {
                d[o + x] = Store(acc[x], quantize);
            }
        });
        return dst;
    }

    /// <summary>Resamples columns (the horizontal axis) with <paramref name="wx"/>, whose InSize must be the width.</summary>
    public static PlanarImage ResizeHorizontal(PlanarImage src, ResizeWeights wx, bool quantize = false)
    {
        if (wx.InSize != src.Width)
        {
            throw new ArgumentException($"Weights are for {wx.InSize} columns; the image has {src.Width}.", nameof(wx));
        }

        int w = src.Width, ow = wx.OutSize, taps = wx.TapCount;
        var dst = new PlanarImage(src.Channels, ow, src.Height);
        float[] s = src.Data, d = dst.Data;
        For(src.Channels * src.Height, (long)ow * taps, () => 0, (row, _) =>
        {
            int si = row * w, di = row * ow;
            for (int x = 0; x < ow; x++)
            {
                double acc = 0;
                int b = x * taps;
                for (int t = 0; t < taps; t++)
                {
                    acc += wx.Weights[b + t] * s[si + wx.Indices[b + t]];
                }

                d[di + x] = Store(acc, quantize);
            }
        });
        return dst;
    }

    private static PlanarImage Run(PlanarImage src, int outW, int outH, double scaleW, double scaleH, bool antialias, bool quantize)
    {
        if (src.Width < 1 || src.Height < 1)
        {
            throw new ArgumentException("Cannot resize an empty image.", nameof(src));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(outW, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outH, 1);
        var wy = ComputeWeights(src.Height, outH, scaleH, antialias);
        var wx = ComputeWeights(src.Width, outW, scaleW, antialias);

        // MATLAB: [~, order] = sort(scale) — the smaller scale first, rows on a tie.
        return scaleW < scaleH
            ? ResizeVertical(ResizeHorizontal(src, wx, quantize), wy, quantize)
            : ResizeHorizontal(ResizeVertical(src, wy, quantize), wx, quantize);
    }

    private static float Store(double v, bool quantize)
    {
        if (!quantize)
        {
            return (float)v;
        }

        // uint8 cast in MATLAB: round half away from zero, saturate.
        return v <= 0 ? 0f : v >= 255 ? 255f : (float)Math.Floor(v + 0.5);
    }

    /// <summary>
    /// MATLAB imresize's <c>contributions</c> for any kernel of support <paramref name="kernelWidth"/>: per output
    /// sample, <c>p</c> normalised weights and symmetric-padded input indices (the kernel stretched by 1/scale when
    /// antialiasing a reduction). Bicubic trims all-zero columns afterwards; Lanczos3 uses them as they are.
    /// </summary>
    internal static (int P, int[] Indices, double[] Weights) KernelWeights(int inSize, int outSize, double scale, bool antialias, Func<double, double> kernel, double kernelWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outSize, 1);
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"Scale {scale} must be positive and finite.");
        }

        bool stretch = scale < 1 && antialias;
        double width = stretch ? kernelWidth / scale : kernelWidth;
        int p = (int)Math.Ceiling(width) + 2;
        var indices = new int[checked(outSize * p)];
        var weights = new double[outSize * p];
        for (int o = 0; o < outSize; o++)
        {
            double u = ((o + 1) / scale) + (0.5 * (1 - (1 / scale)));
            double left = Math.Floor(u - (width / 2));
            double sum = 0;
            for (int t = 0; t < p; t++)
            {
                double j = left + t; // 1-based input position
                double w = stretch ? scale * kernel(scale * (u - j)) : kernel(u - j);
                weights[(o * p) + t] = w;
                sum += w;
                indices[(o * p) + t] = Symmetric((long)j - 1, inSize);
            }

            for (int t = 0; t < p; t++)
            {
                weights[(o * p) + t] /= sum;
            }
        }

        return (p, indices, weights);
    }

    // MATLAB's aux = [1:n, n:-1:1]; aux(mod(j - 1, 2n) + 1), in 0-based terms.
    private static int Symmetric(long i, int n)
    {
        long period = 2L * n;
        long m = i % period;
        if (m < 0)
        {
            m += period;
        }

        return (int)(m < n ? m : period - 1 - m);
    }

    private static void CheckUint8(PlanarImage img)
    {
        foreach (float v in img.Data)
        {
            if (!(v >= 0 && v <= 255) || v != MathF.Floor(v))
            {
                throw new ArgumentException($"A uint8-like image holds whole numbers 0..255; found {v}.", nameof(img));
            }
        }
    }

    private static void For<T>(int jobs, long costPerJob, Func<T> init, Action<int, T> body)
    {
        if (jobs * costPerJob < MinParallelWork || Environment.ProcessorCount == 1)
        {
            var local = init();
            for (int j = 0; j < jobs; j++)
            {
                body(j, local);
            }

            return;
        }

        Parallel.For(0, jobs, init, (j, _, local) =>
        {
            body(j, local);
            return local;
        }, _ => { });
    }
}
