using System.Runtime.InteropServices;
using AePaint.Imaging;
using SkiaSharp;

namespace AePaint.ImageFiles;

/// <summary>Decodes file bytes with SkCodec into upright straight-alpha BGRA8, refusing partial results.</summary>
internal static class ImageDecoder
{
    public static LoadedImage Decode(string path, byte[] bytes)
    {
        var container = ContainerReader.Read(bytes);
        if (container.Implausible != null)
        {
            throw new ImageFileException(path, container.Implausible);
        }

        PixelBudget.Check(path, container.Width, container.Height, bytes.Length);

        using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false), out var created)
            ?? throw new ImageFileException(path, created switch
            {
                SKCodecResult.Unimplemented => "not an image AePaint can read: the content is not JPEG, PNG or WebP",
                SKCodecResult.IncompleteInput => "file is truncated: even its image header is incomplete",
                _ => $"image header is corrupt ({created})",
            });

        var format = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => ImageFormat.Png,
            SKEncodedImageFormat.Jpeg => ImageFormat.Jpeg,
            SKEncodedImageFormat.Webp => ImageFormat.Webp,
            var other => throw new ImageFileException(path, $"is a {other} image; AePaint reads JPEG, PNG and WebP"),
        };

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            throw new ImageFileException(path, $"image has no pixels ({width}×{height})");
        }

        PixelBudget.Check(path, width, height, bytes.Length);
        if (codec.FrameCount > 1)
        {
            // Writing the first frame under the input's name would silently turn an animation into a still.
            throw new ImageFileException(path, $"is an animated {format} ({codec.FrameCount} frames); AePaint restores still images only — export the frame you want as PNG first");
        }

        var warnings = new List<string>(container.Problems);
        var (icc, exif) = MetadataChecks.Clean(container.Icc, container.Exif, warnings, out var exifOrientation);

        // Skia reads EXIF orientation from JPEG and WebP; PNG's eXIf it ignores, so fall back to our own parse.
        var origin = (int)codec.EncodedOrigin;
        var orientation = origin is > 1 and <= 8 ? (ExifOrientation)origin : exifOrientation;

        var sixteenBit = format == ImageFormat.Png && container.BitDepth == 16;
        Bgra8Image pixels;
        try
        {
            pixels = sixteenBit ? DecodeSixteenBit(path, codec) : DecodeEightBit(path, codec);
            pixels = Orientation.Apply(pixels, orientation);
        }
        catch (OutOfMemoryException e)
        {
            throw new ImageFileException(path, $"not enough memory to decode {width}×{height} pixels", e);
        }

        if (sixteenBit)
        {
            warnings.Add("16-bit PNG reduced to 8 bits per channel (rounded)");
        }

        return new LoadedImage
        {
            Pixels = pixels,
            Metadata = new ImageMetadata(icc, exif),
            Format = format,
            SourceBitDepth = container.Format == format ? container.BitDepth : 8,
            SourceHadAlpha = container.HasAlpha || codec.Info.AlphaType != SKAlphaType.Opaque,
            SourceWasGray = container.IsGray || codec.Info.ColorType == SKColorType.Gray8,
            SourceOrientation = orientation,
            Warnings = warnings,
        };
    }

    private static Bgra8Image DecodeEightBit(string path, SKCodec codec)
    {
        // No colour space on the destination: Skia then leaves values as stored and we carry the ICC along.
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Bgra8888, SKAlphaType.Unpremul);
        var image = new Bgra8Image(info.Width, info.Height);
        SKCodecResult result;
        unsafe
        {
            fixed (byte* p = image.Data)
            {
                result = codec.GetPixels(info, (IntPtr)p, image.Stride, SKCodecOptions.Default);
            }
        }

        ThrowUnlessSuccess(path, result);
        return image;
    }

    /// <summary>
    /// Skia's own 16→8 path keeps the high byte (truncates); we decode to half floats and round, so 0x12F0
    /// becomes 19 rather than 18. Half floats are the widest Skia offers for PNG; their 11-bit mantissa can
    /// tip values within ~0.06 of a midpoint the other way. Skia's PNG codec has no scanline mode, so the
    /// whole half-float image sits in native memory (8 bytes a pixel, beyond a managed array's limit).
    /// </summary>
    private static unsafe Bgra8Image DecodeSixteenBit(string path, SKCodec codec)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.RgbaF16, SKAlphaType.Unpremul);
        var image = new Bgra8Image(info.Width, info.Height);
        var rowHalves = info.Width * 4;
        var buffer = (Half*)NativeMemory.Alloc((nuint)info.Height * (nuint)rowHalves, (nuint)sizeof(Half));
        try
        {
            ThrowUnlessSuccess(path, codec.GetPixels(info, (IntPtr)buffer, rowHalves * sizeof(Half), SKCodecOptions.Default));
            for (var y = 0; y < info.Height; y++)
            {
                var src = new ReadOnlySpan<Half>(buffer + ((long)y * rowHalves), rowHalves);
                var dst = image.Row(y);
                for (var i = 0; i < dst.Length; i += 4)
                {
                    dst[i] = ToByte(src[i + 2]);
                    dst[i + 1] = ToByte(src[i + 1]);
                    dst[i + 2] = ToByte(src[i]);
                    dst[i + 3] = ToByte(src[i + 3]);
                }
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }

        return image;
    }

    private static byte ToByte(Half h)
    {
        var v = ((float)h * 255f) + 0.5f;
        return v >= 255f ? (byte)255 : v > 0f ? (byte)v : (byte)0;
    }

    private static void ThrowUnlessSuccess(string path, SKCodecResult result)
    {
        // IncompleteInput and ErrorInInput come with a partly grey image: never hand that on.
        switch (result)
        {
            case SKCodecResult.Success:
                return;
            case SKCodecResult.IncompleteInput:
                throw new ImageFileException(path, "file is truncated: the image data ends before the last row");
            case SKCodecResult.ErrorInInput:
            case SKCodecResult.InvalidInput:
                throw new ImageFileException(path, "image data is corrupt and cannot be decoded completely");
            default:
                throw new ImageFileException(path, $"image cannot be decoded ({result})");
        }
    }
}
