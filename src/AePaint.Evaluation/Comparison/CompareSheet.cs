using System.Globalization;
using AePaint.Imaging;
using SkiaSharp;

namespace AePaint.Evaluation.Comparison;

/// <summary>
/// The `aepaint compare` picture: the same crop of every panel side by side, enlarged with nearest neighbour
/// (pixels stay visible), a label under each (name and PSNR), and a title line. Text is drawn with SkiaSharp.
/// </summary>
public static class CompareSheet
{
    private const int Gap = 6;
    private const float TextSize = 15;

    /// <summary>
    /// Draws the sheet. <paramref name="labelsDrawn"/> is false when no font could be found (SkiaSharp's
    /// dependency-free Linux build has no font manager of its own): the crops are drawn without text.
    /// </summary>
    public static Bgra8Image Draw(IReadOnlyList<ComparePanel> panels, CropRect crop, int zoom, string title, out bool labelsDrawn)
    {
        if (panels.Count == 0)
        {
            throw new ArgumentException("Nothing to compare.", nameof(panels));
        }

        int cw = crop.Width * zoom, ch = crop.Height * zoom;
        int labelHeight = (int)(TextSize * 2.8f), titleHeight = (int)(TextSize * 2f);
        int width = (panels.Count * cw) + ((panels.Count + 1) * Gap);
        int height = titleHeight + ch + labelHeight + Gap;
        using var typeface = FindTypeface();
        labelsDrawn = typeface is not null;

        // Everything drawn is opaque, so premultiplied and straight alpha hold the same bytes.
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(32, 32, 32));
        using var textPaint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var dimPaint = new SKPaint { Color = new SKColor(200, 200, 200), IsAntialias = true };
        using var font = typeface is null ? null : new SKFont(typeface, TextSize);
        using var bold = typeface is null ? null : new SKFont(typeface, TextSize) { Embolden = true };
        if (bold is not null)
        {
            canvas.DrawText(Fit(title, width - (2 * Gap), bold), Gap, titleHeight - (TextSize * 0.6f), SKTextAlign.Left, bold, textPaint);
        }

        var sampling = new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None);
        for (int k = 0; k < panels.Count; k++)
        {
            var p = panels[k];
            float x = Gap + (k * (cw + Gap));
            using (var image = ToSkImage(p.Image))
            {
                canvas.DrawImage(image, new SKRect(crop.X, crop.Y, crop.X + crop.Width, crop.Y + crop.Height), new SKRect(x, titleHeight, x + cw, titleHeight + ch), sampling, null);
            }

            if (font is not null && bold is not null)
            {
                canvas.DrawText(Fit(p.Label, cw, bold), x, titleHeight + ch + (TextSize * 1.2f), SKTextAlign.Left, bold, textPaint);
                var second = p.Psnr is { } v ? $"PSNR {(double.IsPositiveInfinity(v) ? "∞" : v.ToString("F2", CultureInfo.InvariantCulture))} dB" : p.NoScore;
                canvas.DrawText(Fit(second, cw, font), x, titleHeight + ch + (TextSize * 2.4f), SKTextAlign.Left, font, dimPaint);
            }
        }

        canvas.Flush();
        var result = new Bgra8Image(width, height);
        var pixels = bitmap.GetPixelSpan();
        for (int y = 0; y < height; y++)
        {
            pixels.Slice(y * bitmap.RowBytes, result.Stride).CopyTo(result.Row(y));
        }

        return result;
    }

    /// <summary>The centred square of side min(<paramref name="size"/>, width, height).</summary>
    public static CropRect Centre(int width, int height, int size)
    {
        int s = Math.Min(size, Math.Min(width, height));
        return new CropRect((width - s) / 2, (height - s) / 2, s, s);
    }

    private static SKImage ToSkImage(Bgra8Image img)
    {
        var info = new SKImageInfo(img.Width, img.Height, SKColorType.Bgra8888, SKAlphaType.Unpremul);
        return SKImage.FromPixelCopy(info, img.Data, img.Stride) ?? throw new InvalidOperationException("Could not hand the image to SkiaSharp.");
    }

    private static string Fit(string text, float width, SKFont font)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        for (int n = text.Length - 1; n > 1; n--)
        {
            var t = text[..n] + "…";
            if (font.MeasureText(t) <= width)
            {
                return t;
            }
        }

        return text[..1];
    }

    // A typeface with glyphs: the platform's default, else a common font file.
    private static SKTypeface? FindTypeface()
    {
        foreach (var family in new[] { "DejaVu Sans", "Segoe UI", "Arial", "Helvetica", "Liberation Sans" })
        {
            var t = SKFontManager.Default.MatchFamily(family);
            if (t is not null && t.GlyphCount > 0)
            {
                return t;
            }

            t?.Dispose();
        }

        var candidates = new List<string>
        {
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/System/Library/Fonts/Helvetica.ttc",
            "/Library/Fonts/Arial.ttf",
        };
        var windows = Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
        if (!string.IsNullOrEmpty(windows))
        {
            candidates.Add(Path.Combine(windows, "segoeui.ttf"));
            candidates.Add(Path.Combine(windows, "arial.ttf"));
        }

        if (Directory.Exists("/usr/share/fonts"))
        {
            candidates.AddRange(Directory.EnumerateFiles("/usr/share/fonts", "*.ttf", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        }

        foreach (var path in candidates.Where(File.Exists))
        {
            var t = SKTypeface.FromFile(path);
            if (t is not null && t.GlyphCount > 0)
            {
                return t;
            }

            t?.Dispose();
        }

        return null;
    }
}
