using AePaint.Imaging;
using SkiaSharp;

namespace AePaint.ImageFiles;

/// <summary>Reads and writes JPEG/PNG/WebP through SkiaSharp as straight-alpha BGRA8.</summary>
public static class ImageFile
{
    public static Bgra8Image Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImageFileException(path, "file not found");
        }

        using var stream = File.OpenRead(path);
        using var codec = SKCodec.Create(stream, out var result)
            ?? throw new ImageFileException(path, $"not a readable image ({result})");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Bgra8888, SKAlphaType.Unpremul);
        var image = new Bgra8Image(info.Width, info.Height);
        unsafe
        {
            fixed (byte* p = image.Data)
            {
                var r = codec.GetPixels(info, (IntPtr)p);
                if (r != SKCodecResult.Success)
                {
                    throw new ImageFileException(path, $"could not decode ({r})");
                }
            }
        }

        return image;
    }

    public static void Save(string path, Bgra8Image image, int quality = 95)
    {
        var format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => SKEncodedImageFormat.Png,
            ".jpg" or ".jpeg" => SKEncodedImageFormat.Jpeg,
            ".webp" => SKEncodedImageFormat.Webp,
            var e => throw new ImageFileException(path, $"unsupported output format '{e}' (use .png, .jpg or .webp)"),
        };
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Unpremul);
        var tmp = path + ".tmp-" + Environment.ProcessId;
        unsafe
        {
            fixed (byte* p = image.Data)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)p, image.Stride);
                using var data = pixmap.Encode(format, quality)
                    ?? throw new ImageFileException(path, "could not encode");
                using (var fs = File.Create(tmp))
                {
                    data.SaveTo(fs);
                }
            }
        }

        File.Move(tmp, path, overwrite: true);
    }
}
