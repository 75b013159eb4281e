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

internal static class JpegFormat
{
    public static ReadOnlySpan<byte> IccPrefix => "ICC_PROFILE\0"u8;

    /// <summary>A segment holds 65535 bytes including its 2-byte length.</summary>
    private const int MaxSegmentData = 65535 - 2;

    /// <summary>
    /// Writes SOI, APP1 Exif, APP2 ICC, then Skia's segments. Exif wants APP1 straight after SOI, so Skia's
    /// JFIF APP0 (which only says "no DPI") is left out when EXIF is written; decoders need neither.
    /// </summary>
    public static byte[] Embed(byte[] jpeg, byte[]? icc, byte[]? exif, List<string> warnings)
    {
        if (exif != null && exif.Length + MetadataChecks.ExifPrefix.Length > MaxSegmentData)
        {
            warnings.Add($"EXIF dropped: {exif.Length} bytes do not fit one JPEG APP1 segment (64 KB)");
            exif = null;
        }

        var iccPerSegment = MaxSegmentData - IccPrefix.Length - 2;
        var iccSegments = icc == null ? 0 : (icc.Length + iccPerSegment - 1) / iccPerSegment;
        if (iccSegments > 255)
        {
            warnings.Add($"ICC profile dropped: {icc!.Length} bytes need more than the 255 segments JPEG allows");
            icc = null;
        }

        if (icc == null && exif == null)
        {
            return jpeg;
        }

        using var output = new MemoryStream(jpeg.Length + (icc?.Length ?? 0) + (exif?.Length ?? 0) + 64);
        output.Write([0xFF, 0xD8]);
        if (exif != null)
        {
            WriteSegment(output, 0xE1, [.. MetadataChecks.ExifPrefix, .. exif]);
        }

        for (var i = 0; icc != null && i < iccSegments; i++)
        {
            var part = icc.AsSpan(i * iccPerSegment, Math.Min(iccPerSegment, icc.Length - (i * iccPerSegment)));
            WriteSegment(output, 0xE2, [.. IccPrefix, (byte)(i + 1), (byte)iccSegments, .. part]);
        }

        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF && jpeg[pos + 1] != 0xDA)
        {
            var marker = jpeg[pos + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
            var data = jpeg.AsSpan(pos + 4, length - 2);
            var dropped = (exif != null && marker == 0xE0 && data.StartsWith("JFIF\0"u8))
                || (exif != null && marker == 0xE1 && data.StartsWith(MetadataChecks.ExifPrefix))
                || (icc != null && marker == 0xE2 && data.StartsWith(IccPrefix));
            if (!dropped)
            {
                output.Write(jpeg.AsSpan(pos, 2 + length));
            }

            pos += 2 + length;
        }

        output.Write(jpeg.AsSpan(pos)); // SOS and the entropy-coded data, untouched
        return output.ToArray();
    }

    private static void WriteSegment(Stream s, byte marker, ReadOnlySpan<byte> data)
    {
        Span<byte> head = [0xFF, marker, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(head[2..], (ushort)(data.Length + 2));
        s.Write(head);
        s.Write(data);
    }
}

internal static class WebpFormat
{
    public const byte IccFlag = 0x20;
    public const byte AlphaFlag = 0x10;
    public const byte ExifFlag = 0x08;

    /// <summary>
    /// ICC and EXIF need the extended (VP8X) layout: VP8X, ICCP, image chunks, EXIF. Skia writes the simple
    /// layout for most images, so we add a VP8X header with the canvas size and alpha hint.
    /// </summary>
    public static byte[] Embed(byte[] webp, byte[]? icc, byte[]? exif, int width, int height)
    {
        if (icc == null && exif == null)
        {
            return webp;
        }

        var chunks = new List<(string FourCc, byte[] Data)>();
        for (var pos = 12; pos + 8 <= webp.Length;)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(pos + 4));
            chunks.Add((System.Text.Encoding.ASCII.GetString(webp, pos, 4), webp.AsSpan(pos + 8, size).ToArray()));
            pos += 8 + size + (size & 1);
        }

        var flags = chunks.Count > 0 && chunks[0].FourCc == "VP8X" ? chunks[0].Data[0] : (byte)0;
        var lossless = chunks.Find(c => c.FourCc == "VP8L").Data;
        if (chunks.Exists(c => c.FourCc == "ALPH") || (lossless is { Length: >= 5 } && (lossless[4] & 0x10) != 0))
        {
            flags |= AlphaFlag;
        }

        flags |= (byte)((icc != null ? IccFlag : 0) | (exif != null ? ExifFlag : 0));
        var vp8x = new byte[10];
        vp8x[0] = flags;
        WriteU24(vp8x.AsSpan(4), width - 1);
        WriteU24(vp8x.AsSpan(7), height - 1);

        using var output = new MemoryStream(webp.Length + (icc?.Length ?? 0) + (exif?.Length ?? 0) + 64);
        output.Write("RIFF\0\0\0\0WEBP"u8);
        WriteChunk(output, "VP8X", vp8x);
        if (icc != null)
        {
            WriteChunk(output, "ICCP", icc);
        }

        foreach (var (fourCc, data) in chunks)
        {
            if (fourCc is not ("VP8X" or "ICCP" or "EXIF"))
            {
                WriteChunk(output, fourCc, data);
            }
        }

        if (exif != null)
        {
            WriteChunk(output, "EXIF", exif);
        }

        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    private static void WriteChunk(Stream s, string fourCc, byte[] data)
    {
        Span<byte> head = stackalloc byte[8];
        System.Text.Encoding.ASCII.GetBytes(fourCc, head);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], (uint)data.Length);
        s.Write(head);
        s.Write(data);
        if ((data.Length & 1) != 0)
        {
            s.WriteByte(0); // RIFF pads chunks to an even size
        }
    }

    private static void WriteU24(Span<byte> b, int v)
    {
        b[0] = (byte)v;
        b[1] = (byte)(v >> 8);
        b[2] = (byte)(v >> 16);
    }
}
