namespace AePaint.Imaging;

/// <summary>
/// The one path between 8-bit BGRA pixels and planar float colour: channel order, [0, 1] scaling,
/// optional sRGB→linear, reflect padding outside the image, rounding back to bytes.
/// </summary>
public static class PixelConversion
{
    private const float Inv255 = 1f / 255f;

    /// <summary>
    /// Copies the window starting at (<paramref name="x0"/>, <paramref name="y0"/>) with the size of
    /// <paramref name="colour"/> into it as R,G,B planes in [0, 1] (one plane = the gray value, read from R).
    /// Coordinates outside the image are reflected. <paramref name="alpha"/>, if given, receives alpha in [0, 1].
    /// </summary>
    public static void ReadWindow(Bgra8Image src, int x0, int y0, PlanarImage colour, float[]? alpha = null, bool linear = false)
    {
        int w = colour.Width, h = colour.Height, channels = colour.Channels;
        if (channels is not (1 or 3))
        {
            throw new ArgumentException("Colour windows have 1 or 3 channels.", nameof(colour));
        }

        if (src.Width == 0 || src.Height == 0)
        {
            throw new ArgumentException("Cannot read a window of an empty image.", nameof(src));
        }

        var xs = new int[w];
        for (int x = 0; x < w; x++)
        {
            xs[x] = MirrorIndex.Reflect(x0 + x, src.Width) * 4;
        }

        var d = colour.Data;
        var bytes = src.Data;
        int plane = colour.PlaneSize;
        for (int y = 0; y < h; y++)
        {
            long rowBase = (long)MirrorIndex.Reflect(y0 + y, src.Height) * src.Stride;
            int o = y * w;
            for (int x = 0; x < w; x++, o++)
            {
                long p = rowBase + xs[x];
                if (channels == 3)
                {
                    d[o] = Decode(bytes[p + 2], linear);
                    d[o + plane] = Decode(bytes[p + 1], linear);
                    d[o + (2 * plane)] = Decode(bytes[p], linear);
                }
                else
                {
                    d[o] = Decode(bytes[p + 2], linear);
                }

                if (alpha != null)
                {
                    alpha[o] = bytes[p + 3] * Inv255;
                }
            }
        }
    }

    /// <summary>The whole image as planar colour in [0, 1].</summary>
    /// <summary>
    /// Reads a window of a float image (values as given, e.g. unclipped noisy sRGB for the published protocols),
    /// reflect-padded like <see cref="ReadWindow(Bgra8Image, int, int, PlanarImage, float[], bool)"/>. With
    /// <paramref name="linear"/> the values are clamped to [0, 1] and decoded from sRGB.
    /// </summary>
    public static void ReadWindow(PlanarImage src, int x0, int y0, PlanarImage colour, bool linear = false)
    {
        if (src.Channels != colour.Channels)
        {
            throw new ArgumentException($"The window has {colour.Channels} channels, the image {src.Channels}.", nameof(colour));
        }

        var xs = new int[colour.Width];
        for (int x = 0; x < xs.Length; x++)
        {
            xs[x] = MirrorIndex.Reflect(x0 + x, src.Width);
        }

        for (int c = 0; c < colour.Channels; c++)
        {
            for (int y = 0; y < colour.Height; y++)
            {
                long rowBase = ((long)c * src.PlaneSize) + ((long)MirrorIndex.Reflect(y0 + y, src.Height) * src.Width);
                int o = (c * colour.PlaneSize) + (y * colour.Width);
                for (int x = 0; x < xs.Length; x++)
                {
                    float v = src.Data[rowBase + xs[x]];
                    colour.Data[o + x] = linear ? Srgb.ToLinear(Math.Clamp(v, 0f, 1f)) : v;
                }
            }
        }
    }

    public static PlanarImage ToPlanar(Bgra8Image src, int channels = 3, bool linear = false)
    {
        var img = new PlanarImage(channels, src.Width, src.Height);
        if (src.PixelCount > 0)
        {
            ReadWindow(src, 0, 0, img, null, linear);
        }

        return img;
    }

    /// <summary>Planar colour in [0, 1] (1 or 3 planes) back to opaque or given-alpha BGRA8, clamped and rounded.</summary>
    public static Bgra8Image ToBgra8(PlanarImage colour, float[]? alpha = null, bool linear = false)
    {
        var img = new Bgra8Image(colour.Width, colour.Height);
        var d = img.Data;
        int plane = colour.PlaneSize;
        bool gray = colour.Channels == 1;
        for (int i = 0; i < plane; i++)
        {
            float r = colour.Data[i];
            float g = gray ? r : colour.Data[i + plane];
            float b = gray ? r : colour.Data[i + (2 * plane)];
            d[(i * 4) + 0] = Encode(b, linear);
            d[(i * 4) + 1] = Encode(g, linear);
            d[(i * 4) + 2] = Encode(r, linear);
            d[(i * 4) + 3] = alpha is null ? (byte)255 : ToByte(alpha[i]);
        }

        return img;
    }

    /// <summary>[0, 1] → 0..255 with rounding half away from zero and clamping (NaN → 0).</summary>
    public static byte ToByte(float v)
    {
        float s = (v * 255f) + 0.5f;
        return s >= 255f ? (byte)255 : s > 0f ? (byte)s : (byte)0;
    }

    public static byte Encode(float v, bool linear) => ToByte(linear ? Srgb.FromLinear(Math.Clamp(v, 0f, 1f)) : v);

    private static float Decode(byte v, bool linear) => linear ? Srgb.ToLinear(v) : v * Inv255;
}
