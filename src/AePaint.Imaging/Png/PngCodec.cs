using System.Buffers.Binary;
using System.IO.Compression;

namespace AePaint.Imaging.Png;

/// <summary>
/// A minimal PNG writer and reader for 8-bit straight-alpha images, for hosts that must not load SkiaSharp
/// (the Paint.NET plugin: its icons and the "save as PNG" copy of an upscale). Writes RGBA with the Sub filter;
/// reads 8-bit RGB/RGBA/gray(+alpha), non-interlaced, all five filters — what our own files and common tools write.
/// </summary>
public static class PngCodec
{
    private const int ColorGray = 0;
    private const int ColorRgb = 2;
    private const int ColorGrayAlpha = 4;
    private const int ColorRgba = 6;

    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Length, type, data, CRC-32 of type and data.</summary>
    public static void WriteChunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        var typeAndData = new byte[4 + data.Length];
        type.CopyTo(typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        s.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        s.Write(word);
    }

    /// <summary>Encodes as 8-bit RGBA. <paramref name="fast"/> trades size for speed (large upscales).</summary>
    public static byte[] Encode(Bgra8Image image, bool fast = true)
    {
        using var output = new MemoryStream();
        output.Write(Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)image.Width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)image.Height);
        ihdr[8] = 8;
        ihdr[9] = ColorRgba;
        WriteChunk(output, "IHDR"u8, ihdr);

        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, fast ? CompressionLevel.Fastest : CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + image.Stride];
            for (int y = 0; y < image.Height; y++)
            {
                // Sub filter: each byte minus the same channel of the pixel to its left.
                row[0] = 1;
                var src = image.Row(y);
                for (int i = 0; i < src.Length; i += 4)
                {
                    int left = i - 4;
                    for (int c = 0; c < 4; c++)
                    {
                        byte v = src[i + RgbaToBgra(c)];
                        byte l = left < 0 ? (byte)0 : src[left + RgbaToBgra(c)];
                        row[1 + i + c] = (byte)(v - l);
                    }
                }

                z.Write(row);
            }
        }

        WriteChunk(output, "IDAT"u8, idat.GetBuffer().AsSpan(0, (int)idat.Length));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    /// <summary>Decodes a PNG this class can read (see the class summary); anything else throws <see cref="InvalidDataException"/>.</summary>
    public static Bgra8Image Decode(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            throw new InvalidDataException("not a PNG file");
        }

        int width = 0, height = 0, colorType = -1;
        using var idat = new MemoryStream();
        int pos = Signature.Length;
        while (true)
        {
            if (pos + 12 > png.Length)
            {
                throw new InvalidDataException("PNG is truncated (no IEND chunk)");
            }

            int length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png[pos..]));
            if (length > png.Length - pos - 12)
            {
                throw new InvalidDataException("PNG chunk runs past the end of the file");
            }

            var typeAndData = png.Slice(pos + 4, length + 4);
            if (BinaryPrimitives.ReadUInt32BigEndian(png[(pos + 8 + length)..]) != Crc32.Compute(typeAndData))
            {
                throw new InvalidDataException($"PNG chunk {System.Text.Encoding.ASCII.GetString(typeAndData[..4])} has a bad CRC");
            }

            var type = typeAndData[..4];
            var data = typeAndData[4..];
            if (type.SequenceEqual("IHDR"u8))
            {
                width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                colorType = data[9];
                if (data[8] != 8 || data[12] != 0 || colorType is not (ColorGray or ColorRgb or ColorGrayAlpha or ColorRgba))
                {
                    throw new InvalidDataException($"unsupported PNG: bit depth {data[8]}, colour type {colorType}, interlace {data[12]} (8-bit non-interlaced gray/RGB with or without alpha only)");
                }
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            pos += 12 + length;
        }

        if (colorType < 0)
        {
            throw new InvalidDataException("PNG has no IHDR chunk");
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        return Unfilter(z, width, height, colorType);
    }

    private static Bgra8Image Unfilter(Stream z, int width, int height, int colorType)
    {
        int bpp = colorType switch { ColorGray => 1, ColorGrayAlpha => 2, ColorRgb => 3, _ => 4 };
        int rowBytes = checked(width * bpp);
        var prev = new byte[rowBytes];
        var cur = new byte[rowBytes];
        var image = new Bgra8Image(width, height);
        for (int y = 0; y < height; y++)
        {
            int filter = z.ReadByte();
            z.ReadExactly(cur);
            for (int i = 0; i < rowBytes; i++)
            {
                int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                cur[i] += filter switch
                {
                    0 => 0,
                    1 => (byte)a,
                    2 => (byte)b,
                    3 => (byte)((a + b) / 2),
                    4 => (byte)Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG row {y} has unknown filter {filter}"),
                };
            }

            var dst = image.Row(y);
            for (int x = 0; x < width; x++)
            {
                var p = cur.AsSpan(x * bpp, bpp);
                var d = dst.Slice(x * 4, 4);
                (d[2], d[1], d[0]) = bpp >= 3 ? (p[0], p[1], p[2]) : (p[0], p[0], p[0]);
                d[3] = bpp is 2 or 4 ? p[bpp - 1] : (byte)255;
            }

            (prev, cur) = (cur, prev);
        }

        return image;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>PNG's R, G, B, A order → the byte in a BGRA pixel.</summary>
    private static int RgbaToBgra(int c) => c == 3 ? 3 : 2 - c;
}
