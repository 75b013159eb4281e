using AePaint.Imaging.Noise;
using AePaint.Imaging.Resize;

namespace AePaint.Imaging.Metrics;

/// <summary>
/// The published evaluation protocols (../shared/docs/evaluation.md), in one place: `aepaint eval`, `aepaint
/// demo`, `aepaint compare` and the trainer's validation all score through here.
/// <para>
/// Denoising: clean uint8 → [0, 1]; AWGN N(0, (σ/255)²) from one seed per image, <b>not clipped</b>
/// (<see cref="DenoiseNoisyInput"/>); the restored image clipped and rounded to uint8; PSNR (peak 1) and SSIM over
/// every channel, no border crop (<see cref="Denoise(PlanarImage, PlanarImage, bool)"/>).
/// </para>
/// <para>
/// Super-resolution: HR modcropped to a multiple of s (<see cref="ModCrop"/>); PSNR/SSIM (peak 255) on BT.601 Y of
/// uint8 images (<see cref="Luma"/>) with s pixels cropped at every border (<see cref="SuperResolution(PlanarImage, PlanarImage, int, bool)"/>).
/// The published bicubic row is SRCNN's route — Y of the HR first, MATLAB bicubic down and up on that Y as
/// floats, SR rounded (<see cref="SrBicubicBaselineLuma"/>); it reproduces Set5/Set14 within 0.01 dB. A model needs
/// an RGB input, so its LR is MATLAB <c>imresize(uint8 RGB, 1/s, 'bicubic')</c> (<see cref="SrLowResolution"/>,
/// what the SR benchmark LR files hold) and its rounded RGB output goes to Y; bicubic on that same LR
/// (<see cref="SrBicubicUpscale"/>) reads 0.004–0.022 dB below the published row (see MatlabBicubic).
/// </para>
/// </summary>
public static class ProtocolScores
{
    /// <summary>The protocol's noisy input: AWGN of σ/255 (σ in 0..255 units) from <paramref name="seed"/>, unclipped.</summary>
    public static PlanarImage DenoiseNoisyInput(PlanarImage clean01, double sigma255, int seed) =>
        GaussianNoise.AddAwgn(clean01, sigma255, seed, clip: false);

    /// <summary>PSNR/SSIM over R, G, B of two 8-bit images (the restored one is already clipped and rounded).</summary>
    public static (double Psnr, double Ssim) Denoise(Bgra8Image clean, Bgra8Image restored)
    {
        CheckSameSize(clean, restored);
        return Denoise(PixelConversion.ToPlanar(clean), PixelConversion.ToPlanar(restored));
    }

    /// <summary>
    /// PSNR (peak 1) and, with <paramref name="withSsim"/>, SSIM (11×11, σ 1.5) over all planes, no crop; SSIM is
    /// NaN when not computed. <paramref name="result01"/> is scored as given: pass the protocol's unclipped noisy
    /// input or a restored image already clipped and rounded to 8 bits.
    /// </summary>
    public static (double Psnr, double Ssim) Denoise(PlanarImage clean01, PlanarImage result01, bool withSsim = true) =>
        (ImageMetrics.Psnr(clean01, result01, 1.0), withSsim ? ImageMetrics.Ssim(clean01, result01, 1.0) : double.NaN);

    /// <summary>
    /// Y of an 8-bit image as MATLAB <c>rgb2ycbcr</c> on uint8 gives it (BT.601 studio range, rounded), 0..255.
    /// <paramref name="grayFile"/>: the image came from a one-channel file, whose values the protocol uses as Y
    /// directly (Set14 `bridge`); then Y = round((R + G + B) / 3), which is the file's value when R = G = B.
    /// </summary>
    public static PlanarImage Luma(Bgra8Image image, bool grayFile = false)
    {
        if (!grayFile)
        {
            return ColorSpaces.RgbToYBt601(To255(image));
        }

        var y = new PlanarImage(1, image.Width, image.Height);
        var d = image.Data;
        var o = y.Data;
        for (int i = 0; i < o.Length; i++)
        {
            o[i] = MathF.Round((d[(i * 4) + 2] + d[(i * 4) + 1] + d[i * 4]) / 3f, MidpointRounding.AwayFromZero);
        }

        return y;
    }

    /// <summary>The LR image a model is given: MATLAB <c>imresize(hr, 1/s, 'bicubic')</c> on uint8 RGB.</summary>
    public static Bgra8Image SrLowResolution(Bgra8Image modcroppedHr, int scale) =>
        From255(MatlabBicubic.ResizeUint8LikeByScale(To255(modcroppedHr), 1.0 / scale));

    /// <summary>MATLAB <c>imresize(lr, s, 'bicubic')</c> on uint8 RGB: the bicubic peer on a model's own input.</summary>
    public static Bgra8Image SrBicubicUpscale(Bgra8Image lr, int scale) =>
        From255(MatlabBicubic.ResizeUint8LikeByScale(To255(lr), scale));

    /// <summary>MATLAB <c>imresize(lr, s, 'lanczos3')</c> on uint8 RGB: the Lanczos peer on a model's own input.</summary>
    public static Bgra8Image SrLanczosUpscale(Bgra8Image lr, int scale) =>
        From255(Lanczos3.ResizeUint8LikeByScale(To255(lr), scale));

    /// <summary>
    /// The published bicubic baseline on a modcropped HR Y plane (0..255, from <see cref="Luma"/>): down by 1/s and
    /// up by s with MATLAB bicubic as floats (the LR is not rounded), the result rounded to uint8.
    /// </summary>
    public static PlanarImage SrBicubicBaselineLuma(PlanarImage hrLuma, int scale)
    {
        var sr = MatlabBicubic.ResizeByScale(MatlabBicubic.ResizeByScale(hrLuma, 1.0 / scale), scale);
        var d = sr.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = (float)Math.Clamp(Math.Round(d[i], MidpointRounding.AwayFromZero), 0, 255);
        }

        return sr;
    }

    /// <summary>PSNR/SSIM (peak 255) of two Y planes with <paramref name="scale"/> pixels cropped at every border; SSIM NaN when not asked.</summary>
    public static (double Psnr, double Ssim) SuperResolution(PlanarImage hrLuma, PlanarImage srLuma, int scale, bool withSsim = true) =>
        (ImageMetrics.Psnr(hrLuma, srLuma, 255, scale), withSsim ? ImageMetrics.Ssim(hrLuma, srLuma, 255, scale) : double.NaN);

    /// <summary>PSNR/SSIM on Y of two 8-bit colour images of the same size, <paramref name="scale"/> pixels cropped.</summary>
    public static (double Psnr, double Ssim) SuperResolution(Bgra8Image hr, Bgra8Image sr, int scale)
    {
        CheckSameSize(hr, sr);
        return SuperResolution(Luma(hr), Luma(sr), scale);
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
