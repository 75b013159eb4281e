using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Resize;
using SkiaSharp;

namespace AePaint.Trainer.Data;

/// <summary>A decoded photo held as interleaved uint8 R, G, B (3 bytes a pixel: a quarter of planar float).</summary>
internal sealed class RgbPhoto
{
    private const float Inv255 = 1f / 255f; // the same scaling PixelConversion uses, so patches match engine input exactly

    public RgbPhoto(int width, int height, byte[] rgb)
    {
        if (rgb.LongLength != 3L * width * height)
        {
            throw new ArgumentException($"RGB buffer holds {rgb.LongLength} bytes; {width}×{height} needs {3L * width * height}.", nameof(rgb));
        }

        Width = width;
        Height = height;
        Rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Rgb { get; }

    /// <summary>Set when decoded for noisy-only training (see <see cref="PhotoDatasetOptions.PhotoSigma"/>).</summary>
    public float NoiseSigma { get; set; } = float.NaN;

    /// <summary>Cached size of a <paramref name="width"/>×<paramref name="height"/> photo after the pre-downscale.</summary>
    public static (int Width, int Height) SizeAfter(int width, int height, double downscale) =>
        downscale == 1 ? (width, height) : (MatlabBicubic.OutputSize(width, 1 / downscale), MatlabBicubic.OutputSize(height, 1 / downscale));

    /// <summary>
    /// Pixel size from the file header only (fast: nothing is decoded). EXIF orientation may swap the two, which
    /// changes neither the shorter side nor the area. Null when the header is not readable.
    /// </summary>
    public static (int Width, int Height)? Probe(string path)
    {
        try
        {
            using var codec = SKCodec.Create(path);
            return codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0 ? null : (codec.Info.Width, codec.Info.Height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Decodes with <see cref="ImageFile.Load"/> (alpha dropped), then shrinks like MATLAB imresize on uint8.</summary>
    public static RgbPhoto Load(string path, double downscale) => Load(path, [downscale])[0];

    /// <summary>
    /// One decode, then the photo at each factor in <paramref name="downscales"/>, each shrunk from the original (not
    /// from another factor's result), so a factor gives the same pixels whichever others come with it.
    /// </summary>
    public static RgbPhoto[] Load(string path, IReadOnlyList<double> downscales)
    {
        var bgra = ImageFile.Load(path);
        PlanarImage? codes = null;
        var photos = new RgbPhoto[downscales.Count];
        for (int k = 0; k < photos.Length; k++)
        {
            if (downscales[k] == 1)
            {
                photos[k] = Interleave(bgra);
                continue;
            }

            if (codes is null)
            {
                codes = PixelConversion.ToPlanar(bgra);
                var d = codes.Data;
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] = MathF.Round(d[i] * 255f); // back to the exact code values: v/255·255 is within 1e-5 of an integer
                }
            }

            photos[k] = FromPlanar0To255(MatlabBicubic.ResizeUint8LikeByScale(codes, 1 / downscales[k]));
        }

        return photos;
    }

    private static RgbPhoto Interleave(Bgra8Image bgra)
    {
        var src = bgra.Data;
        var rgb = new byte[bgra.PixelCount * 3];
        for (long p = 0, o = 0; o < rgb.LongLength; p += 4, o += 3)
        {
            rgb[o] = src[p + 2];
            rgb[o + 1] = src[p + 1];
            rgb[o + 2] = src[p];
        }

        return new RgbPhoto(bgra.Width, bgra.Height, rgb);
    }

    /// <summary>Whole numbers 0..255 in 3 planes → interleaved bytes.</summary>
    public static RgbPhoto FromPlanar0To255(PlanarImage img)
    {
        int n = img.PlaneSize;
        var rgb = new byte[3L * n];
        var d = img.Data;
        for (int i = 0; i < n; i++)
        {
            rgb[3 * (long)i] = (byte)d[i];
            rgb[(3 * (long)i) + 1] = (byte)d[i + n];
            rgb[(3 * (long)i) + 2] = (byte)d[i + (2 * n)];
        }

        return new RgbPhoto(img.Width, img.Height, rgb);
    }

    /// <summary>The crop position (a, b) that output (u, v) of a patch under <paramref name="transform"/> reads.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static (int A, int B) CropPosition(int u, int v, int size, int transform)
    {
        int a = (transform & 4) != 0 ? v : u, b = (transform & 4) != 0 ? u : v;
        return ((transform & 1) != 0 ? size - 1 - a : a, (transform & 2) != 0 ? size - 1 - b : b);
    }

    /// <summary>
    /// Writes the <paramref name="size"/>² crop at (<paramref name="x0"/>, <paramref name="y0"/>) as planar R, G, B floats
    /// in [0, 1], under symmetry <paramref name="transform"/> (see <see cref="PatchOrigin"/>): output (u, v) reads crop
    /// (a, b) where (a, b) = transpose ? (v, u) : (u, v), then a and/or b mirrored.
    /// </summary>
    public void Extract(int x0, int y0, int size, int transform, Span<float> dst)
    {
        if ((uint)x0 > (uint)(Width - size) || (uint)y0 > (uint)(Height - size))
        {
            throw new ArgumentOutOfRangeException(nameof(x0), $"A {size}² crop at ({x0}, {y0}) does not fit in {Width}×{Height}.");
        }

        int plane = size * size;
        var rgb = Rgb;
        for (int v = 0; v < size; v++)
        {
            for (int u = 0; u < size; u++)
            {
                var (a, b) = CropPosition(u, v, size, transform);
                long p = 3 * (((long)(y0 + b) * Width) + x0 + a);
                int o = (v * size) + u;
                dst[o] = rgb[p] * Inv255;
                dst[o + plane] = rgb[p + 1] * Inv255;
                dst[o + (2 * plane)] = rgb[p + 2] * Inv255;
            }
        }
    }
}
