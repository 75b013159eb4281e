using AePaint.Imaging;
using AePaint.Imaging.Resize;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// The SR protocol's LR image: MATLAB-exact antialiased bicubic <c>imresize(·, 1/scale)</c>. With <c>quantize</c>
/// (default) the patch is rounded to 8-bit first and the resize runs as MATLAB does on uint8 (rounded after each
/// pass), exactly like LR files made by the benchmark scripts; otherwise on floats.
/// </summary>
public sealed class BicubicDownscale : IDegradation
{
    private const float Inv255 = 1f / 255f;

    public BicubicDownscale(int scale, bool quantize = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 2);
        Scale = scale;
        Quantize = quantize;
    }

    public string Name => "bicubic-down";

    public int Scale { get; }

    public bool Quantize { get; }

    public int OutputSize(int inputSize) => MatlabBicubic.OutputSize(inputSize, 1.0 / Scale);

    public DegradationResult Apply(PlanarImage image, Random rng)
    {
        Draw.CheckRgb(image);
        var report = new StepReport(Name) { Scale = Scale, Detail = $"×1/{Scale}{(Quantize ? " uint8" : "")}" };
        if (!Quantize)
        {
            return new DegradationResult(MatlabBicubic.ResizeByScale(image, 1.0 / Scale), report);
        }

        var codes = new PlanarImage(image.Channels, image.Width, image.Height);
        for (int i = 0; i < codes.Data.Length; i++)
        {
            codes.Data[i] = PixelConversion.ToByte(image.Data[i]);
        }

        var small = MatlabBicubic.ResizeUint8LikeByScale(codes, 1.0 / Scale);
        var d = small.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] *= Inv255;
        }

        return new DegradationResult(small, report);
    }
}
