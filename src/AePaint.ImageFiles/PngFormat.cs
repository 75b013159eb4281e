using System.Buffers.Binary;
using System.IO.Compression;
using AePaint.Imaging.Png;

namespace AePaint.ImageFiles;

/// <summary>
/// Splices ICC and EXIF into files Skia encoded. Skia can write an ICC profile but only one it regenerates
/// from an SKColorSpace (which fails for LUT-based profiles), and never writes EXIF, so we insert both byte for byte.
/// </summary>
internal static class PngFormat
{
    public static ReadOnlySpan<byte> Signature => PngCodec.Signature;

    /// <summary>iCCP and eXIf go right after IHDR: both must precede IDAT (iCCP also PLTE).</summary>
    public static byte[] Embed(byte[] png, byte[]? icc, byte[]? exif)
    {
        if (icc == null && exif == null)
        {
            return png;
        }

        using var output = new MemoryStream(png.Length + (icc?.Length ?? 0) + (exif?.Length ?? 0) + 64);
        output.Write(Signature);
        var pos = Signature.Length;
        while (pos + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            var type = png.AsSpan(pos + 4, 4);
            var whole = png.AsSpan(pos, 12 + length);
            var replaced = (icc != null && (type.SequenceEqual("iCCP"u8) || type.SequenceEqual("sRGB"u8)))
                || (exif != null && type.SequenceEqual("eXIf"u8));
            if (!replaced)
            {
                output.Write(whole);
            }

            if (type.SequenceEqual("IHDR"u8))
            {
                if (icc != null)
                {
                    WriteChunk(output, "iCCP"u8, IccpData(icc));
                }

                if (exif != null)
                {
                    WriteChunk(output, "eXIf"u8, exif);
                }
            }

            pos += 12 + length;
        }

        return output.ToArray();
    }

    public static void WriteChunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data) => PngCodec.WriteChunk(s, type, data);

    private static byte[] IccpData(byte[] icc)
    {
        // Profile name, NUL, compression method 0 (zlib), compressed profile.
        using var ms = new MemoryStream();
        ms.Write("ICC profile\0\0"u8);
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(icc);
        }

        return ms.ToArray();
    }
}
