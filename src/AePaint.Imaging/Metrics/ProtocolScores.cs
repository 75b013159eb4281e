namespace AePaint.Imaging.Metrics;

/// <summary>
/// The published scoring rules (../shared/docs/evaluation.md), on 8-bit images as they are saved:
/// denoise = PSNR/SSIM over R,G,B with no border crop; super-resolution = PSNR/SSIM on BT.601 Y with
/// <c>scale</c> pixels cropped at every border.
/// </summary>
public static class ProtocolScores
{
    public static (double Psnr, double Ssim) Denoise(Bgra8Image clean, Bgra8Image restored)
    {
        CheckSameSize(clean, restored);
        var a = PixelConversion.ToPlanar(clean);
        var b = PixelConversion.ToPlanar(restored);
        return (ImageMetrics.Psnr(a, b, 1.0), ImageMetrics.Ssim(a, b, 1.0));
    }

    public static (double Psnr, double Ssim) SuperResolution(Bgra8Image hr, Bgra8Image sr, int scale)
    {
        CheckSameSize(hr, sr);
        var a = ColorSpaces.RgbToYBt601(To255(hr));
        var b = ColorSpaces.RgbToYBt601(To255(sr));
        return (ImageMetrics.Psnr(a, b, 255, scale), ImageMetrics.Ssim(a, b, 255, scale));
    }

    /// <summary>R, G, B planes with values 0..255 (the form the MATLAB protocols compute on).</summary>
    public static PlanarImage To255(Bgra8Image image)
    {
        var p = PixelConversion.ToPlanar(image);
        var d = p.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = MathF.Round(d[i] * 255f);
        }

        return p;
    }

    /// <summary>Planes in 0..255 (already rounded) back to opaque BGRA8.</summary>
    public static Bgra8Image From255(PlanarImage rgb0to255)
    {
        var p = rgb0to255.Clone();
        var d = p.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] /= 255f;
        }

        return PixelConversion.ToBgra8(p);
    }

    /// <summary>Crops width and height down to multiples of <paramref name="scale"/> (the SR "modcrop").</summary>
    public static Bgra8Image ModCrop(Bgra8Image image, int scale)
    {
        int w = image.Width - (image.Width % scale), h = image.Height - (image.Height % scale);
        if (w == image.Width && h == image.Height)
        {
            return image;
        }

        var o = new Bgra8Image(w, h);
        for (int y = 0; y < h; y++)
        {
            image.Data.AsSpan(y * image.Stride, w * 4).CopyTo(o.Row(y));
        }

        return o;
    }

    private static void CheckSameSize(Bgra8Image a, Bgra8Image b)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"Images differ in size: {a.Width}×{a.Height} vs {b.Width}×{b.Height}.");
        }
    }
}
