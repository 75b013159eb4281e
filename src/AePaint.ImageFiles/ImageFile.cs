using AePaint.Imaging;
using AePaint.Imaging.Files;
using SkiaSharp;

namespace AePaint.ImageFiles;

/// <summary>
/// Reads JPEG/PNG/WebP as upright, straight-alpha BGRA8 with their ICC/EXIF, and writes PNG/JPEG/WebP
/// atomically with that metadata copied back. Every file problem surfaces as <see cref="ImageFileException"/>.
/// </summary>
public static class ImageFile
{
    /// <summary>Largest image we decode: 2^28 pixels, 1 GiB as BGRA8.</summary>
    public const long MaxPixels = 1L << 28;

    /// <summary>Loads just the pixels: upright, straight-alpha BGRA8.</summary>
    public static Bgra8Image Load(string path) => LoadWithMetadata(path).Pixels;

    public static LoadedImage LoadWithMetadata(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                throw new ImageFileException(path, "is a folder, not an image file");
            }

            // stat, not lstat: a link is judged by what it points at, so a link to /dev/zero or a pipe is never read.
            var kind = FileIdentity.Of(path)?.Kind ?? throw new ImageFileException(path, "file not found");
            if (kind != FileKind.Regular)
            {
                throw new ImageFileException(path, "is not a regular file (a device, pipe or socket); AePaint reads image files only");
            }

            var file = new FileInfo(path);
            if (file.LinkTarget != null)
            {
                file = (FileInfo)file.ResolveLinkTarget(returnFinalTarget: true)!;
            }

            if (file.Length == 0)
            {
                throw new ImageFileException(path, "file is empty (0 bytes)");
            }

            if (file.Length > Array.MaxLength)
            {
                throw new ImageFileException(path, $"file is {file.Length >> 20} MB, too large to read");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageFileException(path, $"could not be read ({e.Message})", e);
        }

        return ImageDecoder.Decode(path, bytes);
    }

    /// <summary>Saves with default options and no metadata; kept for callers that only pick a quality.</summary>
    public static void Save(string path, Bgra8Image image, int quality) =>
        Save(path, image, null, new SaveOptions { Quality = quality });

    /// <summary>
    /// Encodes by the path's extension and replaces the target atomically. ICC and EXIF are copied where the
    /// format allows (EXIF orientation set to Normal: the pixels are upright). Returns what was dropped, in plain words.
    /// </summary>
    public static IReadOnlyList<string> Save(string path, Bgra8Image image, ImageMetadata? metadata = null, SaveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(image);
        options ??= SaveOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Quality, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Quality, 100, nameof(options));

        var format = FormatFromExtension(path)
            ?? throw new ImageFileException(path, $"unknown output extension '{Path.GetExtension(path)}' (use .png, .jpg, .jpeg or .webp)");
        if (image.PixelCount == 0)
        {
            throw new ImageFileException(path, $"image is empty ({image.Width}×{image.Height}); nothing to write");
        }

        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
        {
            throw new ImageFileException(path, $"output folder {folder} does not exist");
        }

        if (Directory.Exists(fullPath))
        {
            throw new ImageFileException(path, "is a folder; cannot write an image over it");
        }

        var warnings = new List<string>();
        var transparent = image.HasTransparency();
        if (options.Grayscale)
        {
            image = GrayPixels.Average(image);
        }

        if (transparent && format == ImageFormat.Jpeg)
        {
            warnings.Add("JPEG cannot store transparency: alpha was dropped");
        }

        var encoded = Encode(path, image, format, options, transparent);
        var (icc, exif) = MetadataChecks.Clean(metadata?.IccProfile, metadata?.Exif, warnings, out _);
        encoded = format switch
        {
            ImageFormat.Png => PngFormat.Embed(encoded, icc, exif),
            ImageFormat.Jpeg => JpegFormat.Embed(encoded, icc, exif, warnings),
            _ => WebpFormat.Embed(encoded, icc, exif, image.Width, image.Height),
        };
        try
        {
            AtomicFile.Write(fullPath, encoded, options.Overwrite);
        }
        catch (FileSafetyException e)
        {
            throw new ImageFileException(path, "already exists and was left unchanged (replacing it was not asked for)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageFileException(path, $"could not be written ({e.Message}); any existing file is unchanged", e);
        }

        return warnings;
    }

    /// <summary>True for the extensions folder batch processing should pick up (.png, .jpg, .jpeg, .webp).</summary>
    public static bool IsSupportedInput(string path) => FormatFromExtension(path) != null;

    /// <summary>The format a path's extension names, case-insensitively; null for anything else.</summary>
    public static ImageFormat? FormatFromExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => ImageFormat.Png,
            ".jpg" or ".jpeg" => ImageFormat.Jpeg,
            ".webp" => ImageFormat.Webp,
            _ => null,
        };

    /// <summary>The usual extension for a format, for naming outputs.</summary>
    public static string ExtensionFor(ImageFormat format) => format switch
    {
        ImageFormat.Png => ".png",
        ImageFormat.Jpeg => ".jpg",
        ImageFormat.Webp => ".webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown image format"),
    };

    private static byte[] Encode(string path, Bgra8Image image, ImageFormat format, SaveOptions options, bool transparent)
    {
        // No colour space: Skia then writes no profile of its own, and we splice the original ICC bytes.
        var gray = options.Grayscale && !transparent && format != ImageFormat.Webp ? GrayPixels.Plane(image) : null;
        var info = gray != null
            ? new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque)
            : new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, transparent ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        SKData? data;
        unsafe
        {
            fixed (byte* p = gray ?? image.Data)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)p, gray != null ? image.Width : image.Stride);
                data = format switch
                {
                    ImageFormat.Png => pixmap.Encode(SKPngEncoderOptions.Default),

                    // 4:4:4 at high quality: chroma subsampling would blur the detail restoration recovered.
                    ImageFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(
                        options.Quality,
                        options.Quality >= 90 ? SKJpegEncoderDownsample.Downsample444 : SKJpegEncoderDownsample.Downsample420,
                        SKJpegEncoderAlphaOption.Ignore)),
                    _ => pixmap.Encode(new SKWebpEncoderOptions(
                        options.WebpLossless ? SKWebpEncoderCompression.Lossless : SKWebpEncoderCompression.Lossy, options.Quality)),
                };
            }
        }

        using (data)
        {
            return data?.ToArray() ?? throw new ImageFileException(path, $"could not be encoded as {format} ({image.Width}×{image.Height})");
        }
    }
}
