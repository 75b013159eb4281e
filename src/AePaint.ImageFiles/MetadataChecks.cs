using System.Buffers.Binary;

namespace AePaint.ImageFiles;

/// <summary>
/// Structural checks on EXIF and ICC blocks. We only look as deep as we must to copy them safely:
/// a block that fails is dropped with a warning rather than failing the load or save.
/// </summary>
internal static class MetadataChecks
{
    private const ushort OrientationTag = 0x0112;
    private const ushort TypeShort = 3;

    /// <summary>"Exif\0\0", the prefix JPEG APP1 (and some WebP writers) put before the TIFF block.</summary>
    public static ReadOnlySpan<byte> ExifPrefix => "Exif\0\0"u8;

    /// <summary>Checks both blocks, dropping a broken one with a warning; EXIF comes back with Orientation = Normal.</summary>
    public static (byte[]? Icc, byte[]? Exif) Clean(byte[]? icc, byte[]? exif, List<string> warnings, out ExifOrientation orientation)
    {
        orientation = ExifOrientation.Normal;
        string? problem = null;
        var goodIcc = icc == null ? null : CheckIcc(icc, out problem);
        if (icc != null && goodIcc == null)
        {
            warnings.Add("ICC profile dropped: " + problem);
        }

        var goodExif = exif == null ? null : NormalizeExif(exif, out orientation, out problem);
        if (exif != null && goodExif == null)
        {
            warnings.Add("EXIF dropped: " + problem);
        }

        return (goodIcc, goodExif);
    }

    /// <summary>
    /// Returns a copy of the TIFF block with Orientation set to Normal (the pixels we write are upright),
    /// and the orientation it held; null with a problem when the TIFF header or IFD0 is broken.
    /// </summary>
    public static byte[]? NormalizeExif(ReadOnlySpan<byte> exif, out ExifOrientation orientation, out string? problem)
    {
        orientation = ExifOrientation.Normal;
        problem = null;
        if (exif.StartsWith(ExifPrefix))
        {
            exif = exif[ExifPrefix.Length..];
        }

        if (exif.Length < 8)
        {
            problem = $"EXIF block is only {exif.Length} bytes";
            return null;
        }

        bool little;
        if (exif[0] == 'I' && exif[1] == 'I')
        {
            little = true;
        }
        else if (exif[0] == 'M' && exif[1] == 'M')
        {
            little = false;
        }
        else
        {
            problem = "EXIF block does not start with a TIFF header (II or MM)";
            return null;
        }

        if (U16(exif, 2, little) != 42)
        {
            problem = "EXIF block has a bad TIFF magic number";
            return null;
        }

        var ifd0 = U32(exif, 4, little);
        if (ifd0 < 8 || ifd0 > (uint)exif.Length - 2)
        {
            problem = $"EXIF first directory offset {ifd0} is outside the {exif.Length}-byte block";
            return null;
        }

        var count = U16(exif, (int)ifd0, little);
        if ((long)ifd0 + 2 + (count * 12L) > exif.Length)
        {
            problem = $"EXIF first directory ({count} entries) runs past the end of the block";
            return null;
        }

        var copy = exif.ToArray();
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd0 + 2 + (i * 12);
            if (U16(copy, entry, little) != OrientationTag || U16(copy, entry + 2, little) != TypeShort || U32(copy, entry + 4, little) < 1)
            {
                continue;
            }

            var value = U16(copy, entry + 8, little);
            if (value is >= 1 and <= 8)
            {
                orientation = (ExifOrientation)value;
            }

            // Out-of-range values are ignored by viewers too; writing 1 makes them harmless.
            var slot = copy.AsSpan(entry + 8, 2);
            if (little)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(slot, 1);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(slot, 1);
            }
        }

        return copy;
    }

    /// <summary>Returns the profile (cut to its declared size) or null with a problem when the header is broken or not RGB.</summary>
    public static byte[]? CheckIcc(ReadOnlySpan<byte> icc, out string? problem)
    {
        problem = null;
        if (icc.Length < 132)
        {
            problem = $"ICC profile is only {icc.Length} bytes";
            return null;
        }

        var declared = BinaryPrimitives.ReadUInt32BigEndian(icc);
        if (declared < 132 || declared > icc.Length)
        {
            problem = $"ICC profile header says {declared} bytes but {icc.Length} are present";
            return null;
        }

        if (!icc.Slice(36, 4).SequenceEqual("acsp"u8))
        {
            problem = "ICC profile lacks the 'acsp' signature";
            return null;
        }

        // Pixels are always RGB here; a GRAY or CMYK profile on RGB data is invalid (libpng rejects it).
        if (!icc.Slice(16, 4).SequenceEqual("RGB "u8))
        {
            problem = $"ICC profile is for {System.Text.Encoding.ASCII.GetString(icc.Slice(16, 4)).Trim()} data, and the pixels are RGB";
            return null;
        }

        var tags = BinaryPrimitives.ReadUInt32BigEndian(icc[128..]);
        if (132 + (tags * 12L) > declared)
        {
            problem = $"ICC profile tag table ({tags} tags) runs past the end";
            return null;
        }

        // Some writers pad the embedded copy; the declared size is the profile.
        return icc[..(int)declared].ToArray();
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
}
