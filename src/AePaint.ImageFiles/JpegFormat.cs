using System.Buffers.Binary;

namespace AePaint.ImageFiles;

/// <summary>Splices ICC and EXIF into JPEGs Skia encoded (why: <see cref="PngFormat"/>).</summary>
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
