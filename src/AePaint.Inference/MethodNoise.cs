using AePaint.Imaging;

namespace AePaint.Inference;

/// <summary>
/// The model judges the statistical noise reading by what it removes ("method noise", input − output, luma) on a few
/// small windows of the photo. Told σ 4–8 on a clean JPEG, the denoiser finds only texture to smooth and removes
/// ≈ 0.20–0.31 σ (RMS) whatever the photo; on our camera-noise synthesis mostly 0.33–0.7 σ. So the reading is kept in
/// full from <see cref="KeepFrom"/>, dropped at <see cref="DropBelow"/> and below, and ramped between: a veto against
/// smoothing busy clean photos, which the statistics read as σ 3–16. An experiment, not the automatic σ: held out it
/// left 3 more clean JPEGs alone but dropped low-noise camera JPEGs too (dev protocol 20 → 16 of 31 within 0.3 dB of
/// their best σ), so <see cref="NoiseLevel.Read(Bgra8Image)"/> does not use it (models/README.md, issue 17).
/// </summary>
public static class MethodNoise
{
    /// <summary>Side of the windows the model is run on.</summary>
    public const int Window = 128;

    /// <summary>Windows at most: a 3 × 2 grid over the central crop <see cref="NoiseLevel"/> reads.</summary>
    public const int Columns = 3;

    public const int Rows = 2;

    /// <summary>Pixels at each window's edge left out (the model sees no context there).</summary>
    public const int Border = 8;

    /// <summary>The two probe levels (capped at the reading): the clean/noisy gap is widest at σ 4–8.</summary>
    public static readonly float[] Probes = [4f, 8f];

    /// <summary>Removed RMS ÷ σ at or below which the reading is taken for texture (fitted, never per image).</summary>
    public const double DropBelow = 0.29;

    /// <summary>Removed RMS ÷ σ from which the reading is kept in full.</summary>
    public const double KeepFrom = 0.33;

    /// <summary>
    /// The statistical reading <paramref name="measured"/> as the model judges it: (σ to use, the larger removed-RMS ÷ σ
    /// of the two probes). A reading below <see cref="NoiseLevel.NothingBelow"/> is not judged (ratio NaN).
    /// </summary>
    public static (double Sigma, double Ratio) Judge(ITileModel model, Bgra8Image image, double measured)
    {
        if (measured < NoiseLevel.NothingBelow)
        {
            return (measured, double.NaN);
        }

        var windows = Windows(image);
        double ratio = 0;
        foreach (float probe in Probes)
        {
            float sigma = (float)Math.Min(probe, measured);
            ratio = Math.Max(ratio, RemovedRms(model, windows, sigma) * 255 / sigma);
        }

        return (measured * Weight(ratio), ratio);
    }

    /// <summary>Share of the reading kept for a removed-RMS ÷ σ ratio: 0 below <see cref="DropBelow"/>, 1 from <see cref="KeepFrom"/>.</summary>
    public static double Weight(double ratio) => Math.Clamp((ratio - DropBelow) / (KeepFrom - DropBelow), 0, 1);

    /// <summary>The windows of <paramref name="image"/> the judge reads (the image itself when it is smaller than one).</summary>
    public static IReadOnlyList<Bgra8Image> Windows(Bgra8Image image)
    {
        int w = Math.Min(image.Width, NoiseLevel.MaxCrop), h = Math.Min(image.Height, NoiseLevel.MaxCrop);
        int x0 = (image.Width - w) / 2, y0 = (image.Height - h) / 2;
        int side = Math.Min(Window, Math.Min(w, h));
        int cols = Math.Clamp(w / side, 1, Columns), rows = Math.Clamp(h / side, 1, Rows);
        var list = new List<Bgra8Image>(cols * rows);
        for (int j = 0; j < rows; j++)
        {
            for (int i = 0; i < cols; i++)
            {
                int x = x0 + (int)((long)(w - side) * (2 * i + 1) / (2 * cols));
                int y = y0 + (int)((long)(h - side) * (2 * j + 1) / (2 * rows));
                list.Add(image.Crop(x, y, side, side));
            }
        }

        return list;
    }

    /// <summary>RMS (0..1 units) of the luma <paramref name="model"/> removes at <paramref name="sigma"/> over <paramref name="windows"/>.</summary>
    public static double RemovedRms(ITileModel model, IReadOnlyList<Bgra8Image> windows, float sigma)
    {
        double sum = 0;
        long n = 0;
        foreach (var window in windows)
        {
            var input = PixelConversion.ToPlanar(window);
            var output = TiledRunner.RunToPlanar(model, window, new RunSettings { Sigma = sigma }).Image;
            int w = window.Width, h = window.Height;
            for (int y = Border; y < h - Border; y++)
            {
                for (int x = Border; x < w - Border; x++)
                {
                    double removed = Luma(input, x, y) - Luma(output, x, y);
                    sum += removed * removed;
                    n++;
                }
            }
        }

        return n == 0 ? 0 : Math.Sqrt(sum / n);
    }

    private static double Luma(PlanarImage image, int x, int y) =>
        (0.299 * image[0, x, y]) + (0.587 * image[1, x, y]) + (0.114 * image[2, x, y]);
}
