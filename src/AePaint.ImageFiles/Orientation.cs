using System.Runtime.InteropServices;
using AePaint.Imaging;

namespace AePaint.ImageFiles;

/// <summary>Turns stored pixels upright according to an EXIF orientation.</summary>
internal static class Orientation
{
    public static Bgra8Image Apply(Bgra8Image src, ExifOrientation orientation)
    {
        if (orientation == ExifOrientation.Normal || src.PixelCount == 0)
        {
            return src;
        }

        long w = src.Width, h = src.Height;
        var swaps = orientation >= ExifOrientation.Transpose;
        var dst = swaps ? new Bgra8Image(src.Height, src.Width) : new Bgra8Image(src.Width, src.Height);

        // Upright pixel (x, y) comes from stored index start + x*dx + y*dy (indices in whole pixels).
        (long Start, long Dx, long Dy) step = orientation switch
        {
            ExifOrientation.MirrorHorizontal => (w - 1, -1, w),
            ExifOrientation.Rotate180 => ((h * w) - 1, -1, -w),
            ExifOrientation.MirrorVertical => ((h - 1) * w, 1, -w),
            ExifOrientation.Transpose => (0, w, 1),
            ExifOrientation.Rotate90 => ((h - 1) * w, -w, 1),
            ExifOrientation.Transverse => ((h * w) - 1, -w, -1),
            ExifOrientation.Rotate270 => (w - 1, w, -1),
            _ => throw new ArgumentOutOfRangeException(nameof(orientation), orientation, "not an EXIF orientation"),
        };

        var from = MemoryMarshal.Cast<byte, uint>(src.Data.AsSpan());
        var to = MemoryMarshal.Cast<byte, uint>(dst.Data.AsSpan());
        var i = 0;
        for (long y = 0; y < dst.Height; y++)
        {
            var s = step.Start + (y * step.Dy);
            for (var x = 0; x < dst.Width; x++, s += step.Dx)
            {
                to[i++] = from[(int)s];
            }
        }

        return dst;
    }
}
