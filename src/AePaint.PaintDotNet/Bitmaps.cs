using AePaint.Imaging;
using AePaint.Imaging.Png;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

namespace AePaint.PaintDotNet;

/// <summary>Our pixels as Paint.NET bitmaps: the effect icons and the clipboard image.</summary>
internal static class Bitmaps
{
    public static unsafe IBitmap<ColorBgra32> FromImage(Bgra8Image image)
    {
        // The global factory: constructors (icons) have no Services to ask.
        using var factory = ImagingFactory.CreateRef();
        var bitmap = factory.CreateBitmap<ColorBgra32>(image.Width, image.Height);
        using var lk = bitmap.Lock(new RectInt32(0, 0, image.Width, image.Height), BitmapLockOptions.Write);
        for (int y = 0; y < image.Height; y++)
        {
            image.Row(y).CopyTo(new Span<byte>((byte*)lk.Buffer + ((long)y * lk.BufferStride), image.Stride));
        }

        return bitmap;
    }

    /// <summary>The effect's menu icon, an embedded 16×16 PNG (Icons/*.png).</summary>
    public static IBitmapSource Icon(string name)
    {
        using var stream = typeof(Bitmaps).Assembly.GetManifestResourceStream($"AePaint.PaintDotNet.Icons.{name}.png")
            ?? throw new InvalidOperationException($"icon {name} is not embedded");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return FromImage(PngCodec.Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)));
    }
}
