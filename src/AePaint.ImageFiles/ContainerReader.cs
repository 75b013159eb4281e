using System.Buffers.Binary;
using System.IO.Compression;
using AePaint.Imaging.Png;

namespace AePaint.ImageFiles;

/// <summary>
/// Walks JPEG segments, PNG chunks and WebP RIFF chunks for ICC, EXIF, bit depth and gray/alpha facts
/// that SkCodec does not expose. Every read is bounds-checked: on a broken structure we stop and let
/// Skia judge whether the pixels decode.
/// </summary>
internal static class ContainerReader
{
    // A deflate stream cannot shrink data by more than ~1032:1 (2 bits per 258-byte match).
    private const long MaxDeflateRatio = 1100;
    private const int MaxIccBytes = 64 << 20;

    public static ContainerInfo Read(ReadOnlySpan<byte> b)
    {
        var info = new ContainerInfo();
        if (b.StartsWith(PngFormat.Signature))
        {
            info.Format = ImageFormat.Png;
            ReadPng(b, info);
        }
        else if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            info.Format = ImageFormat.Jpeg;
            ReadJpeg(b, info);
        }
        else if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            info.Format = ImageFormat.Webp;
            ReadWebp(b, info);
        }

        return info;
    }

    private static void ReadPng(ReadOnlySpan<byte> b, ContainerInfo info)
    {
        long idatBytes = 0;
        var colorType = -1;
        var sampleBits = 0;
        var pos = PngFormat.Signature.Length;
        while (pos + 8 <= b.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b[pos..]);
            var type = b.Slice(pos + 4, 4);
            var available = b.Length - pos - 12;
            if (type.SequenceEqual("IDAT"u8))
            {
                idatBytes += Math.Max(0, Math.Min(length, available));
            }

            if (length > available)
            {
                break;
            }

            var data = b.Slice(pos + 8, (int)length);
            var crcOk = BinaryPrimitives.ReadUInt32BigEndian(b[(pos + 8 + (int)length)..]) == Crc32.Compute(b.Slice(pos + 4, (int)length + 4));
            if (type.SequenceEqual("IHDR"u8) && length >= 13)
            {
                info.Width = BinaryPrimitives.ReadUInt32BigEndian(data);
                info.Height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                sampleBits = data[8];
                colorType = data[9];
                info.IsGray = colorType is 0 or 4;
                info.HasAlpha = colorType is 4 or 6;
            }
            else if (type.SequenceEqual("tRNS"u8))
            {
                info.HasAlpha = true;
            }
            else if (type.SequenceEqual("eXIf"u8) && info.Exif == null)
            {
                if (crcOk)
                {
                    info.Exif = data.ToArray();
                }
                else
                {
                    info.Problems.Add("EXIF dropped: its PNG chunk fails the CRC check");
                }
            }
            else if (type.SequenceEqual("iCCP"u8) && info.Icc == null)
            {
                info.Icc = crcOk ? InflateIccp(data, info) : null;
                if (!crcOk)
                {
                    info.Problems.Add("ICC profile dropped: its PNG chunk fails the CRC check");
                }
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            pos += 12 + (int)length;
        }

        // Palette entries are 8-bit whatever the index width.
        info.BitDepth = colorType == 3 || sampleBits == 0 ? 8 : sampleBits;
        var channels = colorType switch { 0 or 3 => 1, 4 => 2, 2 => 3, 6 => 4, _ => 0 };
        if (channels > 0 && info.Width > 0 && info.Height > 0)
        {
            var bitsPerPixel = channels * sampleBits;
            // Double, because a hostile header (up to 2^32 each way) overflows a long here.
            var minBytes = info.Height * (1 + Math.Ceiling(info.Width * (double)bitsPerPixel / 8)) / MaxDeflateRatio;
            if (idatBytes < minBytes)
            {
                info.Implausible = $"file is truncated or corrupt: its header says {info.Width}×{info.Height} pixels, " +
                    $"which needs at least {minBytes:F0} bytes of compressed data, but it holds only {idatBytes}";
            }
        }
    }

    private static byte[]? InflateIccp(ReadOnlySpan<byte> data, ContainerInfo info)
    {
        var nul = data[..Math.Min(data.Length, 80)].IndexOf((byte)0);
        if (nul < 1 || nul + 2 > data.Length || data[nul + 1] != 0)
        {
            info.Problems.Add("ICC profile dropped: its PNG iCCP chunk has a bad name or compression method");
            return null;
        }

        try
        {
            using var z = new ZLibStream(new MemoryStream(data[(nul + 2)..].ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = z.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, n);
                if (output.Length > MaxIccBytes)
                {
                    info.Problems.Add("ICC profile dropped: it inflates to more than 64 MB");
                    return null;
                }
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            info.Problems.Add("ICC profile dropped: its compressed data in the PNG is corrupt");
            return null;
        }
    }

    private static void ReadJpeg(ReadOnlySpan<byte> b, ContainerInfo info)
    {
        var iccParts = new SortedDictionary<int, byte[]>();
        var iccCount = 0;
        var sof = 0;
        var pos = 2;
        while (pos + 4 <= b.Length)
        {
            if (b[pos] != 0xFF)
            {
                break;
            }

            var marker = b[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                break; // scan data follows: no more metadata segments
            }

            if (marker is 0x01 or >= 0xD0 and <= 0xD8)
            {
                pos += 2; // stand-alone marker without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > b.Length)
            {
                break;
            }

            var data = b.Slice(pos + 4, length - 2);
            if (marker == 0xE1 && info.Exif == null && data.StartsWith(MetadataChecks.ExifPrefix))
            {
                info.Exif = data[MetadataChecks.ExifPrefix.Length..].ToArray();
            }
            else if (marker == 0xE2 && data.Length >= 14 && data.StartsWith(JpegFormat.IccPrefix))
            {
                iccCount = data[13];
                iccParts.TryAdd(data[12], data[14..].ToArray());
            }
            else if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && data.Length >= 6)
            {
                sof = marker;
                info.BitDepth = data[0];
                info.Height = BinaryPrimitives.ReadUInt16BigEndian(data[1..]);
                info.Width = BinaryPrimitives.ReadUInt16BigEndian(data[3..]);
                info.IsGray = data[5] == 1;
            }

            pos += 2 + length;
        }

        // Sequential Huffman JPEG spends at least a DC code and an EOB (2 bits) per 8×8 luma block; we demand
        // half that. Progressive (EOB runs) and arithmetic coding can go lower, so they are not judged.
        if (sof is 0xC0 or 0xC1 && info.Width > 0 && info.Height > 0)
        {
            var minBytes = (info.Width + 7) / 8 * ((info.Height + 7) / 8) / 8;
            if (b.Length < minBytes)
            {
                info.Implausible = $"file is truncated or corrupt: its header says {info.Width}×{info.Height} pixels, " +
                    $"which needs at least {minBytes} bytes, but the file has only {b.Length}";
            }
        }

        if (iccParts.Count > 0)
        {
            // Segments are numbered 1..count; a gap means a lost piece and an unusable profile.
            if (iccCount > 0 && iccParts.Count == iccCount && iccParts.Keys.First() == 1 && iccParts.Keys.Last() == iccCount)
            {
                info.Icc = iccParts.Values.SelectMany(p => p).ToArray();
            }
            else
            {
                info.Problems.Add($"ICC profile dropped: {iccParts.Count} of its {iccCount} JPEG segments are present or misnumbered");
            }
        }
    }

    private static void ReadWebp(ReadOnlySpan<byte> b, ContainerInfo info)
    {
        var pos = 12;
        while (pos + 8 <= b.Length)
        {
            var fourcc = b.Slice(pos, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(b[(pos + 4)..]);
            if (size > b.Length - pos - 8)
            {
                break;
            }

            var data = b.Slice(pos + 8, (int)size);
            if (fourcc.SequenceEqual("VP8X"u8) && size >= 10)
            {
                info.HasAlpha |= (data[0] & WebpFormat.AlphaFlag) != 0;
                info.Width = 1 + U24(data[4..]);
                info.Height = 1 + U24(data[7..]);
            }
            else if (fourcc.SequenceEqual("VP8L"u8) && size >= 5 && data[0] == 0x2F)
            {
                var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
                info.HasAlpha |= ((bits >> 28) & 1) != 0;
                // The larger of canvas (VP8X) and bitstream size: either is what a decoder would allocate.
                info.Width = Math.Max(info.Width, 1 + (bits & 0x3FFF));
                info.Height = Math.Max(info.Height, 1 + ((bits >> 14) & 0x3FFF));
            }
            else if (fourcc.SequenceEqual("VP8 "u8) && size >= 10)
            {
                info.Width = Math.Max(info.Width, BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF);
                info.Height = Math.Max(info.Height, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF);
            }
            else if (fourcc.SequenceEqual("ALPH"u8))
            {
                info.HasAlpha = true;
            }
            else if (fourcc.SequenceEqual("ICCP"u8) && info.Icc == null)
            {
                info.Icc = data.ToArray();
            }
            else if (fourcc.SequenceEqual("EXIF"u8) && info.Exif == null)
            {
                info.Exif = data.ToArray();
            }

            pos += 8 + (int)size + (int)(size & 1);
        }
    }

    private static uint U24(ReadOnlySpan<byte> b) => (uint)(b[0] | (b[1] << 8) | (b[2] << 16));
}
