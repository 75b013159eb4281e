using SkiaSharp;

namespace AePaint.Trainer.Training;

/// <summary>The run's loss (left axis, log scale) and validation PSNR (right axis) as a PNG.</summary>
internal static class CurvePlot
{
    public static void Write(string path, IReadOnlyList<CurvePoint> curve)
    {
        if (curve.Count < 2)
        {
            return;
        }

        const int W = 900, H = 420, Pad = 50;
        using var surface = SKSurface.Create(new SKImageInfo(W, H));
        var c = surface.Canvas;
        c.Clear(SKColors.White);
        using var axis = new SKPaint { Color = SKColors.Gray, StrokeWidth = 1, IsAntialias = true };
        using var lossPaint = new SKPaint { Color = new SKColor(40, 90, 200), StrokeWidth = 1.5f, IsStroke = true, IsAntialias = true };
        using var psnrPaint = new SKPaint { Color = new SKColor(220, 80, 30), StrokeWidth = 2.5f, IsStroke = true, IsAntialias = true };
        using var font = new SKFont(SKTypeface.Default, 13);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        c.DrawLine(Pad, H - Pad, W - Pad, H - Pad, axis);
        c.DrawLine(Pad, Pad, Pad, H - Pad, axis);

        long s0 = curve[0].Step, s1 = curve[^1].Step;
        float X(long step) => Pad + ((W - (2 * Pad)) * (float)(step - s0) / Math.Max(1, s1 - s0));

        // Loss, smoothed over a window so the trend shows through per-batch noise.
        var losses = curve.Select(p => Math.Log10(Math.Max(p.Loss, 1e-8))).ToArray();
        int win = Math.Max(1, curve.Count / 200);
        var smooth = losses.Select((_, i) => losses.Skip(Math.Max(0, i - win)).Take((2 * win) + 1).Average()).ToArray();
        double lo = smooth.Min(), hi = smooth.Max() + 1e-9;
        DrawSeries(c, curve.Select((p, i) => (X(p.Step), Y(smooth[i], lo, hi))), lossPaint);
        c.DrawText($"loss (log10) {Math.Pow(10, hi):G3} … {Math.Pow(10, lo):G3}", Pad + 5, Pad - 10, SKTextAlign.Left, font, text);

        var val = curve.Where(p => p.ValidationPsnr is { } v && double.IsFinite(v)).ToArray();
        if (val.Length > 0)
        {
            double plo = val.Min(p => p.ValidationPsnr!.Value), phi = val.Max(p => p.ValidationPsnr!.Value) + 1e-6;
            DrawSeries(c, val.Select(p => (X(p.Step), Y(p.ValidationPsnr!.Value, plo, phi))), psnrPaint);
            c.DrawText($"validation PSNR {plo:F2} … {phi:F2} dB", W - Pad, Pad - 10, SKTextAlign.Right, font, text);
        }

        c.DrawText($"step {s0} … {s1}", W / 2, H - 15, SKTextAlign.Center, font, text);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, data.ToArray());
        File.Move(tmp, path, overwrite: true);

        static float Y(double v, double lo, double hi) => H - Pad - ((H - (2 * Pad)) * (float)((v - lo) / (hi - lo)));
    }

    private static void DrawSeries(SKCanvas c, IEnumerable<(float X, float Y)> points, SKPaint paint)
    {
        using var path = new SKPath();
        bool first = true;
        foreach (var (x, y) in points)
        {
            if (first)
            {
                path.MoveTo(x, y);
                first = false;
            }
            else
            {
                path.LineTo(x, y);
            }
        }

        c.DrawPath(path, paint);
    }
}
