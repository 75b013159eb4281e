using System.Globalization;
using SkiaSharp;

namespace AePaint.Trainer.Latent;

/// <summary>The VAE's two pictures, drawn with SkiaSharp: the decoded latent-plane sweep and the scatter of patch latents.</summary>
internal static class LatentPlots
{
    /// <summary>Sweep range of each latent coordinate: ±2.5 prior standard deviations covers ~99% of N(0, 1).</summary>
    public const double SweepRange = 2.5;

    private static readonly SKColor[] Palette =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189),
        new(140, 86, 75), new(227, 119, 194), new(127, 127, 127), new(188, 189, 34), new(23, 190, 207),
    ];

    /// <summary>The latent points of an n×n sweep over the first two coordinates (others 0), row by row, top row = highest z₂.</summary>
    public static IReadOnlyList<float[]> SweepPoints(int n, int latent)
    {
        var points = new List<float[]>();
        for (int row = 0; row < n; row++)
        {
            for (int col = 0; col < n; col++)
            {
                var z = new float[latent];
                z[0] = (float)Lerp(col, n);
                if (latent > 1)
                {
                    z[1] = (float)Lerp(n - 1 - row, n);
                }

                points.Add(z);
            }
        }

        return points;
    }

    /// <summary>Writes the decoded sweep (<paramref name="patches"/>: planar RGB in [0, 1], from <see cref="SweepPoints"/>) as one PNG grid.</summary>
    public static void WriteGrid(string path, IReadOnlyList<float[]> patches, int n, int patch, int latent)
    {
        const int Gap = 2, Margin = 28, Top = 22;
        int side = (n * (patch + Gap)) + Gap;
        using var bitmap = new SKBitmap(side + Margin, side + Margin + Top, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var font = new SKFont(SKTypeface.Default, 12);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            string range = SweepRange.ToString("0.#", CultureInfo.InvariantCulture);
            canvas.DrawText($"z1 -{range} … +{range} →", Margin, side + Top + Margin - 8, SKTextAlign.Left, font, ink);
            canvas.DrawText(latent > 2 ? $"z2 ↑ (z3…z{latent} = 0)" : latent == 2 ? "z2 ↑" : "1-D latent", 4, 16, SKTextAlign.Left, font, ink);
        }

        for (int i = 0; i < patches.Count; i++)
        {
            int x0 = Margin + Gap + ((i % n) * (patch + Gap)), y0 = Top + Gap + ((i / n) * (patch + Gap));
            var p = patches[i];
            int plane = patch * patch;
            for (int y = 0; y < patch; y++)
            {
                for (int x = 0; x < patch; x++)
                {
                    int o = (y * patch) + x;
                    bitmap.SetPixel(x0 + x, y0 + y, new SKColor(Byte(p[o]), Byte(p[o + plane]), Byte(p[o + (2 * plane)])));
                }
            }
        }

        Save(bitmap, path);
    }

    /// <summary>Scatter of the first two latent coordinates of every patch, one colour per source folder, with a legend.</summary>
    public static void WriteScatter(string path, IReadOnlyList<float[]> means, IReadOnlyList<int> labels, IReadOnlyList<string> names)
    {
        const int W = 760, H = 700, Pad = 50, Legend = 22;
        double Coord(float[] m, int d) => d < m.Length ? m[d] : 0;
        double x0 = Math.Min(-SweepRange, means.Min(m => Coord(m, 0))), x1 = Math.Max(SweepRange, means.Max(m => Coord(m, 0)));
        double y0 = Math.Min(-SweepRange, means.Min(m => Coord(m, 1))), y1 = Math.Max(SweepRange, means.Max(m => Coord(m, 1)));
        int plotH = H - (2 * Pad) - (Legend * ((names.Count + 2) / 3));
        float X(double v) => Pad + (float)((W - (2 * Pad)) * (v - x0) / (x1 - x0));
        float Y(double v) => Pad + plotH - (float)(plotH * (v - y0) / (y1 - y0));

        using var bitmap = new SKBitmap(W, H, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var axis = new SKPaint { Color = SKColors.Gray, StrokeWidth = 1, IsAntialias = true };
            using var font = new SKFont(SKTypeface.Default, 13);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawLine(X(x0), Y(0), X(x1), Y(0), axis);
            canvas.DrawLine(X(0), Y(y0), X(0), Y(y1), axis);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"μ1 {x0:F1} … {x1:F1}"), W - Pad, Pad + plotH + 18, SKTextAlign.Right, font, ink);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"μ2 {y0:F1} … {y1:F1}  ({means.Count} training patches, latent means)"), Pad, Pad - 14, SKTextAlign.Left, font, ink);
            for (int i = 0; i < means.Count; i++)
            {
                using var dot = new SKPaint { Color = Palette[labels[i] % Palette.Length].WithAlpha(140), IsAntialias = true };
                canvas.DrawCircle(X(Coord(means[i], 0)), Y(Coord(means[i], 1)), 2.2f, dot);
            }

            for (int k = 0; k < names.Count; k++)
            {
                float lx = Pad + ((k % 3) * (W - (2 * Pad)) / 3f), ly = Pad + plotH + 34 + ((k / 3) * Legend);
                using var swatch = new SKPaint { Color = Palette[k % Palette.Length], IsAntialias = true };
                canvas.DrawCircle(lx + 6, ly - 4, 5, swatch);
                canvas.DrawText(names[k], lx + 16, ly, SKTextAlign.Left, font, ink);
            }
        }

        Save(bitmap, path);
    }

    private static double Lerp(int i, int n) => n == 1 ? 0 : -SweepRange + (2 * SweepRange * i / (n - 1));

    private static byte Byte(float v) => (byte)Math.Clamp((int)MathF.Round(v * 255f), 0, 255);

    private static void Save(SKBitmap bitmap, string path)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, data.ToArray());
        File.Move(tmp, path, overwrite: true);
    }
}
