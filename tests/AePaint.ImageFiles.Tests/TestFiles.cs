using System.Buffers.Binary;
using System.IO.Compression;
using AePaint.Imaging;
using AePaint.TestSupport;
using SkiaSharp;

namespace AePaint.ImageFiles.Tests;

/// <summary>Builds the odd files the tests need: hand-written PNGs, EXIF blocks, a real ICC profile.</summary>
internal static class TestFiles
{
    public static string Cbsd68(int index = 0) =>
        Directory.GetFiles(TestPaths.EvalSet("CBSD68"), "*.png").Order(StringComparer.Ordinal).ElementAt(index);

    /// <summary>A PNG from raw scanlines (each row already starts with its filter byte, 0 = none).</summary>
    public static byte[] Png(int width, int height, int bitDepth, int colorType, byte[] rawRows, params (string Type, byte[] Data)[] beforeIdat)
    {
        using var ms = new MemoryStream();
        ms.Write(PngFormat.Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        PngFormat.WriteChunk(ms, "IHDR"u8, ihdr);
        foreach (var (type, data) in beforeIdat)
        {
            PngFormat.WriteChunk(ms, System.Text.Encoding.ASCII.GetBytes(type), data);
        }

        PngFormat.WriteChunk(ms, "IDAT"u8, Zlib(rawRows));
        PngFormat.WriteChunk(ms, "IEND"u8, []);
        return ms.ToArray();
    }

    public static byte[] Zlib(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>A TIFF block whose IFD0 holds Make = "AePaintTest" and Orientation = <paramref name="orientation"/>.</summary>
    public static byte[] Exif(int orientation, bool bigEndian = false)
    {
        var b = new byte[8 + 2 + (2 * 12) + 4 + 12];
        void U16(int at, int v)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), (ushort)v);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), (ushort)v);
            }
        }

        void U32(int at, int v)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), (uint)v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), (uint)v);
            }
        }

        b[0] = b[1] = (byte)(bigEndian ? 'M' : 'I');
        U16(2, 42);
        U32(4, 8);
        U16(8, 2);
        U16(10, 0x010F); // Make, ASCII, 12 bytes stored after the IFD
        U16(12, 2);
        U32(14, 12);
        U32(18, 38);
        U16(22, 0x0112); // Orientation, SHORT, 1
        U16(24, 3);
        U32(26, 1);
        U16(30, orientation);
        U32(34, 0); // no next IFD
        "AePaintTest\0"u8.CopyTo(b.AsSpan(38));
        return b;
    }

    /// <summary>The Orientation value in an EXIF block made by <see cref="Exif"/>.</summary>
    public static int OrientationOf(byte[] exif) =>
        exif[0] == 'M' ? BinaryPrimitives.ReadUInt16BigEndian(exif.AsSpan(30)) : BinaryPrimitives.ReadUInt16LittleEndian(exif.AsSpan(30));

    /// <summary>A real Display P3 profile, as Skia writes it into a PNG.</summary>
    public static byte[] DisplayP3Icc()
    {
        var p3 = SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3);
        using var bitmap = new SKBitmap(new SKImageInfo(2, 2, SKColorType.Bgra8888, SKAlphaType.Opaque, p3));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return ContainerReader.Read(data.ToArray()).Icc ?? throw new InvalidOperationException("Skia wrote no iCCP");
    }

    /// <summary>Encodes with Skia directly (not through ImageFile) so tests have an independent source of files.</summary>
    public static byte[] SkiaEncode(Bgra8Image image, SKEncodedImageFormat format, int quality = 100)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Unpremul);
        using var pinned = new PinnedBuffer(image.Data);
        using var pixmap = new SKPixmap(info, pinned.Address, image.Stride);
        using var data = pixmap.Encode(format, quality) ?? throw new InvalidOperationException("Skia could not encode");
        return data.ToArray();
    }

    /// <summary>Four 16×8 quadrants: red, green / blue, white (top-left, top-right / bottom-left, bottom-right).</summary>
    public static Bgra8Image Quadrants()
    {
        var img = new Bgra8Image(32, 16);
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                var (r, g, b) = (x < 16, y < 8) switch
                {
                    (true, true) => (255, 0, 0),
                    (false, true) => (0, 255, 0),
                    (true, false) => (0, 0, 255),
                    _ => (255, 255, 255),
                };
                var i = ((y * 32) + x) * 4;
                img.Data[i] = (byte)b;
                img.Data[i + 1] = (byte)g;
                img.Data[i + 2] = (byte)r;
                img.Data[i + 3] = 255;
            }
        }

        return img;
    }

    public static (int R, int G, int B, int A) Pixel(Bgra8Image img, int x, int y)
    {
        var i = ((y * img.Width) + x) * 4;
        return (img.Data[i + 2], img.Data[i + 1], img.Data[i], img.Data[i + 3]);
    }

    public static Bgra8Image DecodeWithSkia(byte[] file)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(file));
        var img = new Bgra8Image(codec.Info.Width, codec.Info.Height);
        var info = new SKImageInfo(img.Width, img.Height, SKColorType.Bgra8888, SKAlphaType.Unpremul);
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, img.Data));
        return img;
    }

    private sealed class PinnedBuffer(byte[] data) : IDisposable
    {
        private System.Runtime.InteropServices.GCHandle handle = System.Runtime.InteropServices.GCHandle.Alloc(data, System.Runtime.InteropServices.GCHandleType.Pinned);

        public IntPtr Address => handle.AddrOfPinnedObject();

        public void Dispose() => handle.Free();
    }
}
