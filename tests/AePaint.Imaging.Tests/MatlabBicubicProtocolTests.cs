using AePaint.Imaging.Metrics;
using AePaint.Imaging.Resize;
using Xunit.Abstractions;

namespace AePaint.Imaging.Tests;

/// <summary>
/// The bicubic baseline of the SR literature (SRCNN, VDSR, …) on the real Set5/Set14 HR images: HR
/// modcropped to a multiple of s, downscaled by 1/s and upscaled by s with MATLAB bicubic, PSNR/SSIM on
/// BT.601 Y (rgb2ycbcr of the uint8 image; a one-channel file is its own Y) with s pixels cropped at every
/// border, peak 255, mean over the set.
/// </summary>
public sealed class MatlabBicubicProtocolTests(ITestOutputHelper output)
{
    public enum Pipeline
    {
        /// <summary>
        /// SRCNN's evaluation code: Y (uint8) of the HR image first, then both resizes on it as floats
        /// (LR not rounded), SR rounded to uint8.
        /// </summary>
        YFirstFloat,

        /// <summary>RGB uint8 throughout (MATLAB imresize on uint8: rounded after every pass), then Y.</summary>
        RgbUint8,

        /// <summary>RGB as doubles, LR and SR rounded to uint8 after each whole resize, then Y.</summary>
        RgbFloat,
    }

    /// <summary>
    /// Measured mean Y-PSNR (dB), Y-first float / RGB uint8 / RGB float:
    /// Set5 ×2 33.661 / 33.640 / 33.649, ×3 30.392 / 30.385 / 30.386, ×4 28.421 / 28.417 / 28.419;
    /// Set14 ×2 30.232 / 30.218 / 30.224, ×3 27.541 / 27.530 / 27.533, ×4 26.000 / 25.990 / 25.993.
    /// The published numbers follow SRCNN's protocol (Y first); RGB uint8 reads 0.004–0.022 dB lower (the
    /// rounding after MATLAB's first pass), RGB float sits between. Y-first SSIM: Set5 0.9299 / 0.8682 / 0.8104
    /// (the published values exactly), Set14 0.8687 / 0.7736 / 0.7019 (published 0.8688 / 0.7742 / 0.7027).
    /// Set14 `bridge` is a one-channel PNG (its values are Y); `man` is RGB with R = G = B and goes through
    /// rgb2ycbcr like the colour images — treating it as gray costs 1.32 dB on it, 0.09 dB on the mean.
    /// The published values themselves are asserted once, through `aepaint eval sr`
    /// (AePaint.Cli.Tests EvalProtocolTests); this test pins the order of the routes that explains the choice.
    /// </summary>
    [SkippableTheory]
    [InlineData("Set5", 2)]
    [InlineData("Set5", 3)]
    [InlineData("Set5", 4)]
    [InlineData("Set14", 2)]
    [InlineData("Set14", 3)]
    [InlineData("Set14", 4)]
    public void RgbRoutesReadAtMostThreeHundredthsOfADecibelBelowTheYFirstRoute(string set, int scale)
    {
        var yFirst = Evaluate(set, scale, Pipeline.YFirstFloat, withSsim: false);
        var rgbUint8 = Evaluate(set, scale, Pipeline.RgbUint8, withSsim: false);
        var rgbFloat = Evaluate(set, scale, Pipeline.RgbFloat, withSsim: false);
        output.WriteLine($"{set} x{scale}: Y-first float {yFirst.Psnr:F4} dB, RGB float {rgbFloat.Psnr:F4} dB, RGB uint8 {rgbUint8.Psnr:F4} dB");
        Assert.InRange(rgbUint8.Psnr, yFirst.Psnr - 0.03, yFirst.Psnr);
        Assert.InRange(rgbFloat.Psnr, rgbUint8.Psnr, yFirst.Psnr);
    }

    /// <summary>
    /// Y-first and RGB-uint8 are the routes `aepaint eval sr` runs (ProtocolScores: the published baseline and the
    /// bicubic peer on a model's LR); RGB-float is only a comparison kept here.
    /// </summary>
    internal static (double Psnr, double Ssim) Evaluate(string set, int scale, Pipeline pipeline, bool withSsim)
    {
        var images = TestImages.Set(set);
        var psnr = new double[images.Count];
        var ssim = new double[images.Count];
        Parallel.For(0, images.Count, i =>
        {
            var hr = ProtocolScores.ModCrop(ProtocolScores.From255(images[i].Rgb255), scale);
            bool gray = images[i].GrayFile;
            var yHr = ProtocolScores.Luma(hr, gray);
            var ySr = pipeline switch
            {
                Pipeline.YFirstFloat => ProtocolScores.SrBicubicBaselineLuma(yHr, scale),
                Pipeline.RgbUint8 => ProtocolScores.Luma(ProtocolScores.SrBicubicUpscale(ProtocolScores.SrLowResolution(hr, scale), scale), gray),
                _ => ProtocolScores.Luma(ProtocolScores.From255(RoundToUint8(MatlabBicubic.ResizeByScale(RoundToUint8(MatlabBicubic.ResizeByScale(ProtocolScores.To255(hr), 1.0 / scale)), scale))), gray),
            };
            Assert.Equal(yHr.Width, ySr.Width);
            Assert.Equal(yHr.Height, ySr.Height);
            (psnr[i], ssim[i]) = ProtocolScores.SuperResolution(yHr, ySr, scale, withSsim);
        });
        return (psnr.Average(), ssim.Average());
    }

    private static PlanarImage RoundToUint8(PlanarImage img)
    {
        var d = img.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = (float)Math.Clamp(Math.Round(d[i], MidpointRounding.AwayFromZero), 0, 255);
        }

        return img;
    }
}
