using AePaint.Imaging;

namespace AePaint.Cli.Commands.Bench;

/// <summary>Images the benchmarks run on: a smooth synthetic gradient with noise, or a photo tiled to a size.</summary>
internal static class BenchImages
{
    public static Bgra8Image Synthetic(double mp)
    {
        int side = (int)Math.Sqrt(mp * 1e6);
        var img = new Bgra8Image(side, side);
        var rng = new Random(1);
        var d = img.Data;
        for (long i = 0; i < d.LongLength; i += 4)
        {
            long p = i / 4;
            int x = (int)(p % side), y = (int)(p / side);
            d[i] = (byte)Math.Clamp((x * 255 / side) + rng.Next(-20, 21), 0, 255);
            d[i + 1] = (byte)Math.Clamp((y * 255 / side) + rng.Next(-20, 21), 0, 255);
            d[i + 2] = (byte)Math.Clamp(128 + rng.Next(-20, 21), 0, 255);
            d[i + 3] = 255;
        }

        return img;
    }

    /// <summary>A model input window of random colour (and σ 25 in the noise-level plane, if the model has one).</summary>
    public static PlanarImage RandomWindow(Inference.Cards.ModelCard card, int side)
    {
        int m = card.MultipleOf;
        side = (side + m - 1) / m * m;
        var window = new PlanarImage(card.GraphInputChannels, side, side);
        var rng = new Random(1);
        for (int i = 0; i < window.Data.Length; i++)
        {
            window.Data[i] = (float)rng.NextDouble();
        }

        if (card.NoiseMap is { } nm)
        {
            window.Plane(card.InputChannels).Fill(25f / nm.Divisor);
        }

        return window;
    }

    /// <summary>Width and height of about <paramref name="mp"/> megapixels at a camera's 4:3.</summary>
    public static (int Width, int Height) FourByThree(double mp)
    {
        int h = (int)Math.Round(Math.Sqrt(mp * 1e6 * 3 / 4));
        return (h * 4 / 3, h);
    }
}
