using AePaint.Imaging;
using AePaint.Imaging.Resize;

namespace AePaint.Effects;

/// <summary>Pixel work on results: crops, the bicubic way back to the original size, and blending into a render tile.</summary>
public static class ResultImages
{
    /// <summary>MATLAB bicubic (uint8 semantics, antialiased) of all four channels back to the original size.</summary>
    public static Bgra8Image ResizeBack(Bgra8Image big, int width, int height)
    {
        var planar = new PlanarImage(4, big.Width, big.Height);
        int plane = planar.PlaneSize;
        var d = big.Data;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                planar.Data[(c * plane) + i] = d[(i * 4) + c];
            }
        }

        var small = MatlabBicubic.ResizeUint8Like(planar, width, height);
        var result = new Bgra8Image(width, height);
        int sp = small.PlaneSize;
        for (int i = 0; i < sp; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                result.Data[(i * 4) + c] = (byte)Math.Clamp(small.Data[(c * sp) + i], 0f, 255f);
            }
        }

        return result;
    }

    public static Bgra8Image Crop(Bgra8Image src, Rect r) => src.Crop(r.X, r.Y, r.Width, r.Height);

    /// <summary>
    /// Writes <paramref name="area"/> of <paramref name="result"/> (which covers <paramref name="resultRect"/>) over the
    /// source pixels already in the tile buffer, through <paramref name="mask"/> (coverage of <paramref name="selection"/>) when given.
    /// </summary>
    public static void Blend(Span<byte> dest, int destStride, Rect tile, Rect area, Bgra8Image result, Rect resultRect, byte[]? mask, Rect selection)
    {
        var res = result.Data;
        int resStride = result.Stride;
        bool masked = mask != null;
        for (int y = area.Y; y < area.Bottom; y++)
        {
            var d = dest.Slice(((y - tile.Y) * destStride) + ((area.X - tile.X) * 4), area.Width * 4);
            int ry = y - resultRect.Y;
            var r = res.AsSpan((ry * resStride) + ((area.X - resultRect.X) * 4), area.Width * 4);
            if (!masked)
            {
                r.CopyTo(d);
                continue;
            }

            int mrow = (y - selection.Y) * selection.Width;
            for (int x = 0; x < area.Width; x++)
            {
                int m = mask![mrow + (area.X - selection.X) + x];
                if (m == 0)
                {
                    continue;
                }

                int o = x * 4;
                if (m == 255)
                {
                    r.Slice(o, 4).CopyTo(d.Slice(o, 4));
                    continue;
                }

                for (int c = 0; c < 4; c++)
                {
                    d[o + c] = (byte)(((d[o + c] * (255 - m)) + (r[o + c] * m) + 127) / 255);
                }
            }
        }
    }
}
