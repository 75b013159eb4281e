namespace AePaint.Imaging.Resize;

/// <summary>
/// MATLAB <c>imresize(…, 'lanczos3')</c>: kernel sinc(x)·sinc(x/3) on |x| &lt; 3 (width 6), the same
/// output-to-input mapping, antialiasing (kernel stretched by 1/s when shrinking), 'symmetric' border
/// (edge pixel repeated) and weight normalisation as <see cref="MatlabBicubic"/>, whose separable passes it
/// reuses. Used as the Lanczos baseline of the SR evaluation.
/// </summary>
public static class Lanczos3
{
    private const double Width = 6;

    // MATLAB's eps (2^-52), not the smallest double.
    private const double Eps = 2.220446049250313e-16;

    /// <summary>MATLAB's lanczos3 kernel, eps-regularised at 0 exactly as MATLAB writes it.</summary>
    public static double Kernel(double x)
    {
        double a = Math.Abs(x);
        if (a >= 3)
        {
            return 0;
        }

        double px = Math.PI * x;
        return ((Math.Sin(px) * Math.Sin(px / 3)) + Eps) / ((px * px / 3) + Eps);
    }

    /// <summary>Contributions for one axis; <paramref name="scale"/> is output/input. See <see cref="MatlabBicubic.ComputeWeights"/>.</summary>
    public static ResizeWeights ComputeWeights(int inSize, int outSize, double scale, bool antialias = true)
    {
        var (p, indices, weights) = MatlabBicubic.KernelWeights(inSize, outSize, scale, antialias, Kernel, Width);
        return new ResizeWeights(inSize, outSize, p, indices, weights);
    }

    /// <summary>
    /// MATLAB <c>imresize(uint8, s, 'lanczos3')</c>: whole numbers 0..255 in and out, rounded after each pass
    /// (rows first when both scales are equal, as MATLAB orders them).
    /// </summary>
    public static PlanarImage ResizeUint8LikeByScale(PlanarImage src0to255, double scale)
    {
        int ow = MatlabBicubic.OutputSize(src0to255.Width, scale), oh = MatlabBicubic.OutputSize(src0to255.Height, scale);
        var wy = ComputeWeights(src0to255.Height, oh, scale);
        var wx = ComputeWeights(src0to255.Width, ow, scale);
        return MatlabBicubic.ResizeHorizontal(MatlabBicubic.ResizeVertical(src0to255, wy, quantize: true), wx, quantize: true);
    }
}
