namespace AePaint.ImageFiles;

/// <summary>
/// The one check of an image's declared size before anything is decoded, for every format: an absolute ceiling,
/// and for large images a floor on file bytes per pixel. Lossless WebP can code a flat canvas in no bits at all,
/// so no format-specific ratio catches a 38-byte file declaring 16383×16383; this floor does, while real photos
/// (JPEG ≥ ~0.02 byte/pixel even when flat, PNG deflate ≥ 1/1032 byte per 4 bytes) stay far above it.
/// </summary>
internal static class PixelBudget
{
    /// <summary>Above this many pixels an image must bring at least one file byte per <see cref="MaxPixelsPerByte"/> pixels.</summary>
    public const long PlausibilityFrom = 16L << 20;

    public const long MaxPixelsPerByte = 10_000;

    /// <summary>Throws when a file of <paramref name="fileBytes"/> bytes declaring <paramref name="width"/>×<paramref name="height"/> must not be decoded.</summary>
    public static void Check(string path, long width, long height, long fileBytes)
    {
        var pixels = width * height;
        if (pixels > ImageFile.MaxPixels)
        {
            throw new ImageFileException(path, $"image is {width}×{height} ({pixels / 1_000_000} megapixels), " +
                $"over the {ImageFile.MaxPixels / 1_000_000}-megapixel limit");
        }

        if (pixels > PlausibilityFrom && pixels > fileBytes * MaxPixelsPerByte)
        {
            throw new ImageFileException(path, $"file is implausibly small for its size: its header says {width}×{height} " +
                $"({pixels / 1_000_000} megapixels) in only {fileBytes} bytes; refused before decoding");
        }
    }
}
