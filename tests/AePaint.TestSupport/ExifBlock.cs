using System.Buffers.Binary;
using System.Text;

namespace AePaint.TestSupport;

/// <summary>
/// A minimal little-endian EXIF (TIFF) block: IFD0 with Make and Model, an Exif sub-IFD with ISO speed — what a
/// camera writes, for photos the tests make (ImageMetadata.Exif takes it as is).
/// </summary>
public static class ExifBlock
{
    public static byte[] Build(string make, string model, int iso)
    {
        byte[] makeBytes = Encoding.ASCII.GetBytes(make + "\0"), modelBytes = Encoding.ASCII.GetBytes(model + "\0");
        const int Ifd0 = 8, Ifd0Entries = 3, ExifEntries = 1;
        int ifd0Size = 2 + (12 * Ifd0Entries) + 4, exifIfd = Ifd0 + ifd0Size, exifSize = 2 + (12 * ExifEntries) + 4;
        int makeAt = exifIfd + exifSize, modelAt = makeAt + makeBytes.Length;
        var b = new byte[modelAt + modelBytes.Length];
        "II*\0"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), Ifd0);
        int p = Ifd0;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(p), Ifd0Entries);
        p += 2;
        p = Entry(b, p, 0x010F, 2, (uint)makeBytes.Length, (uint)makeAt); // Make, ASCII
        p = Entry(b, p, 0x0110, 2, (uint)modelBytes.Length, (uint)modelAt); // Model, ASCII
        p = Entry(b, p, 0x8769, 4, 1, (uint)exifIfd); // Exif IFD pointer, LONG
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(p), 0); // no IFD1
        p = exifIfd;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(p), ExifEntries);
        p += 2;
        p = Entry(b, p, 0x8827, 3, 1, (uint)iso); // ISO speed ratings, SHORT (value in the entry)
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(p), 0);
        makeBytes.CopyTo(b, makeAt);
        modelBytes.CopyTo(b, modelAt);
        return b;
    }

    private static int Entry(byte[] b, int p, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(p), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(p + 2), type);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(p + 4), count);
        if (type == 3)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(p + 8), (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(p + 8), value);
        }

        return p + 12;
    }
}
