namespace AePaint.Imaging;

/// <summary>
/// 8-bit BGRA pixels, interleaved, straight (non-premultiplied) alpha, rows packed with no padding.
/// This is the layout of Paint.NET's ColorBgra32 surfaces and of SkiaSharp's Bgra8888/Unpremul bitmaps,
/// so it is the one in-memory image every host hands to the engine.
/// </summary>
public sealed class Bgra8Image
{
    public Bgra8Image(int width, int height)
        : this(width, height, new byte[checked((long)width * height * 4)])
    {
    }

    public Bgra8Image(int width, int height, byte[] data)
    {
        if (width < 0 || height < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}×{height} is negative.");
        }

        if (data.LongLength != (long)width * height * 4)
        {
            throw new ArgumentException($"Pixel buffer holds {data.LongLength} bytes; a {width}×{height} BGRA image needs {(long)width * height * 4}.", nameof(data));
        }

        Width = width;
        Height = height;
        Data = data;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>B, G, R, A bytes per pixel, row after row.</summary>
    public byte[] Data { get; }

    public long PixelCount => (long)Width * Height;

    public int Stride => Width * 4;

    public Span<byte> Row(int y) => Data.AsSpan(y * Stride, Stride);

    public bool HasTransparency()
    {
        var d = Data;
        for (long i = 3; i < d.LongLength; i += 4)
        {
            if (d[i] != 255)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every pixel has R = G = B (a gray image stored as colour).</summary>
    public bool IsGray()
    {
        var d = Data;
        for (long i = 0; i < d.LongLength; i += 4)
        {
            if (d[i] != d[i + 1] || d[i] != d[i + 2])
            {
                return false;
            }
        }

        return true;
    }

    public Bgra8Image Clone() => new(Width, Height, (byte[])Data.Clone());

    /// <summary>The pixels of a rectangle inside the image; the image itself when the rectangle is all of it (no second copy of a large image).</summary>
    public Bgra8Image Crop(int x, int y, int width, int height)
    {
        if (x == 0 && y == 0 && width == Width && height == Height)
        {
            return this;
        }

        var dst = new Bgra8Image(width, height);
        for (int r = 0; r < height; r++)
        {
            Data.AsSpan(((y + r) * Stride) + (x * 4), width * 4).CopyTo(dst.Row(r));
        }

        return dst;
    }

    /// <summary>
    /// This image repeated with reflected copies to <paramref name="width"/> × <paramref name="height"/>, opaque: a
    /// large test image with a photo's detail everywhere and no seams (benchmarks, tile-overlap measurement).
    /// </summary>
    public Bgra8Image MirroredTo(int width, int height)
    {
        var img = new Bgra8Image(width, height);
        for (int y = 0; y < height; y++)
        {
            long row = (long)MirrorIndex.Reflect(y, Height) * Stride;
            for (int x = 0; x < width; x++)
            {
                long s = row + ((long)MirrorIndex.Reflect(x, Width) * 4), d = (((long)y * width) + x) * 4;
                img.Data[d] = Data[s];
                img.Data[d + 1] = Data[s + 1];
                img.Data[d + 2] = Data[s + 2];
                img.Data[d + 3] = 255;
            }
        }

        return img;
    }

    public static Bgra8Image Solid(int width, int height, byte b, byte g, byte r, byte a = 255)
    {
        var img = new Bgra8Image(width, height);
        var d = img.Data;
        for (long i = 0; i < d.LongLength; i += 4)
        {
            d[i] = b;
            d[i + 1] = g;
            d[i + 2] = r;
            d[i + 3] = a;
        }

        return img;
    }
}
