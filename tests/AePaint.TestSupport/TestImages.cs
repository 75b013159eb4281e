using AePaint.Imaging;

namespace AePaint.TestSupport;

/// <summary>Deterministic synthetic images for engine tests.</summary>
public static class TestImages
{
    /// <summary>Smooth gradients plus seeded noise: every pixel different, so misplaced tiles show.</summary>
    public static Bgra8Image Random(int width, int height, int seed = 7, bool alpha = false)
    {
        var rng = new Random(seed);
        var img = new Bgra8Image(width, height);
        var d = img.Data;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                long p = (((long)y * width) + x) * 4;
                d[p] = (byte)Math.Clamp((x * 255 / Math.Max(1, width - 1)) + rng.Next(-40, 41), 0, 255);
                d[p + 1] = (byte)Math.Clamp((y * 255 / Math.Max(1, height - 1)) + rng.Next(-40, 41), 0, 255);
                d[p + 2] = (byte)rng.Next(256);
                d[p + 3] = alpha ? (byte)rng.Next(256) : (byte)255;
            }
        }

        return img;
    }

    /// <summary>A copy of the w×h region at (x0, y0), every channel.</summary>
    public static PlanarImage Crop(PlanarImage img, int x0, int y0, int w, int h)
    {
        var c = new PlanarImage(img.Channels, w, h);
        for (int ch = 0; ch < img.Channels; ch++)
        {
            for (int y = 0; y < h; y++)
            {
                img.Data.AsSpan(((ch * img.Height) + y0 + y) * img.Width + x0, w).CopyTo(c.Data.AsSpan(((ch * h) + y) * w, w));
            }
        }

        return c;
    }

    /// <summary>A smooth colour ramp in [0, 1]: locally linear, so a Laplacian noise estimate reads noise only.</summary>
    public static PlanarImage Ramp(int width, int height)
    {
        var p = new PlanarImage(3, width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                p[0, x, y] = 0.2f + (0.6f * x / width);
                p[1, x, y] = 0.3f + (0.4f * y / height);
                p[2, x, y] = 0.5f;
            }
        }

        return p;
    }
}
