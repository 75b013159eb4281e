using System.Buffers.Binary;

namespace AePaint.ImageFiles;

/// <summary>Splices ICC and EXIF into WebP files Skia encoded (why: <see cref="PngFormat"/>).</summary>
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
