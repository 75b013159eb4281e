namespace AePaint.Imaging.Metrics;

/// <summary>Colour conversions used by the evaluation protocols.</summary>
public static class ColorSpaces
{
    /// <summary>
    /// Luma of MATLAB's <c>rgb2ycbcr</c> (BT.601, studio range): Y = 16 + (65.481 R + 128.553 G + 24.966 B)/255
    /// with R, G, B planes (in that order) in 0..255; the result is one plane in 16..235.
    /// With <paramref name="roundToUint8"/> Y is rounded half away from zero and clamped as MATLAB's
    /// rgb2ycbcr does on uint8 input (it returns uint8). The published SR numbers (SRCNN/VDSR protocol)
    /// convert uint8 images with rgb2ycbcr, so they round; unrounded Y is BasicSR's float convention and
    /// reads 0.004–0.034 dB higher on the bicubic baselines. A one-channel (gray) file has no conversion
    /// in that protocol: its values are Y as they are.
    /// </summary>
    public static PlanarImage RgbToYBt601(PlanarImage rgb0to255, bool roundToUint8 = true)
    {
        if (rgb0to255.Channels != 3)
        {
            throw new ArgumentException($"Expected 3 planes (R, G, B); got {rgb0to255.Channels}.", nameof(rgb0to255));
        }

        int n = rgb0to255.PlaneSize;
        var y = new PlanarImage(1, rgb0to255.Width, rgb0to255.Height);
        var r = rgb0to255.Plane(0);
        var g = rgb0to255.Plane(1);
        var b = rgb0to255.Plane(2);
        var d = y.Data;
        for (int i = 0; i < n; i++)
        {
            double v = 16 + (((65.481 * r[i]) + (128.553 * g[i]) + (24.966 * b[i])) / 255);
            d[i] = roundToUint8 ? (float)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), 0, 255) : (float)v;
        }

        return y;
    }
}
