using AePaint.Imaging;

namespace AePaint.ImageFiles;

/// <summary>Gray output for gray input: a model's three channels drift apart by a few levels; the file must not.</summary>
internal static class GrayPixels
{
    /// <summary>A copy with R = G = B = the rounded mean of the three; alpha kept.</summary>
    public static Bgra8Image Average(Bgra8Image image)
    {
        var result = image.Clone();
        var d = result.Data;
        for (var i = 0; i < d.Length; i += 4)
        {
            var v = (byte)((d[i] + d[i + 1] + d[i + 2] + 1) / 3);
            d[i] = d[i + 1] = d[i + 2] = v;
        }

        return result;
    }

    /// <summary>One byte per pixel (the blue channel, equal to the others after <see cref="Average"/>), for a Gray8 encode.</summary>
    public static byte[] Plane(Bgra8Image image)
    {
        var plane = new byte[image.PixelCount];
        var d = image.Data;
        for (var i = 0; i < plane.Length; i++)
        {
            plane[i] = d[i * 4];
        }

        return plane;
    }
}
