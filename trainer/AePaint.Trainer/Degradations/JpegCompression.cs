using System.Runtime.InteropServices;
using AePaint.Imaging;
using SkiaSharp;

namespace AePaint.Trainer.Degradations;

/// <summary>
/// JPEG recompression as a photo would get it: rounded to 8-bit, encoded by Skia (libjpeg-turbo) at a quality
/// drawn uniformly from [min, max], decoded back, all in memory. Chroma is 4:2:0 by default (what cameras and the
/// web mostly use). The 8×8 grid is aligned to the patch's top-left corner.
/// </summary>
public sealed class JpegCompression : IDegradation
{
    public JpegCompression(int minQuality, int maxQuality, SKJpegEncoderDownsample chroma = SKJpegEncoderDownsample.Downsample420)
    {
        if (minQuality < 1 || maxQuality > 100 || minQuality > maxQuality)
        {
            throw new ArgumentOutOfRangeException(nameof(minQuality), $"JPEG quality range [{minQuality}, {maxQuality}] must lie in 1..100.");
        }

        MinQuality = minQuality;
        MaxQuality = maxQuality;
        Chroma = chroma;
    }

    public string Name => "jpeg";

    public int MinQuality { get; }

    public int MaxQuality { get; }

    public SKJpegEncoderDownsample Chroma { get; }

    public DegradationResult Apply(PlanarImage image, Random rng)
    {
        Draw.CheckRgb(image);
        int quality = rng.Next(MinQuality, MaxQuality + 1);
        var decoded = PixelConversion.ToPlanar(Decode(Encode(PixelConversion.ToBgra8(image), quality, Chroma)));
        return new DegradationResult(decoded, new StepReport(Name) { Quality = quality, Detail = $"q={quality}" });
    }

    /// <summary>Opaque BGRA8 → JPEG bytes.</summary>
    public static byte[] Encode(Bgra8Image image, int quality, SKJpegEncoderDownsample chroma = SKJpegEncoderDownsample.Downsample420)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Opaque);
        var pin = GCHandle.Alloc(image.Data, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, pin.AddrOfPinnedObject(), image.Stride);
            using var data = pixmap.Encode(new SKJpegEncoderOptions(quality, chroma, SKJpegEncoderAlphaOption.Ignore))
                ?? throw new InvalidOperationException($"Skia could not JPEG-encode a {image.Width}×{image.Height} patch.");
            return data.ToArray();
        }
        finally
        {
            pin.Free();
        }
    }

    /// <summary>JPEG bytes → BGRA8, no colour management (the bytes carry no profile).</summary>
    public static Bgra8Image Decode(byte[] jpeg)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(jpeg)) ?? throw new InvalidOperationException("Skia could not read back its own JPEG.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Bgra8888, SKAlphaType.Opaque);
        var image = new Bgra8Image(info.Width, info.Height);
        var pin = GCHandle.Alloc(image.Data, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, pin.AddrOfPinnedObject());
            return result == SKCodecResult.Success ? image : throw new InvalidOperationException($"Skia could not decode its own JPEG ({result}).");
        }
        finally
        {
            pin.Free();
        }
    }
}
