namespace AePaint.Imaging.Jpeg;

/// <summary>
/// The quality a JPEG was saved at, read from its luma quantisation table (the DQT segment, table 0): libjpeg (and
/// libjpeg-turbo, which Skia and most cameras' and editors' encoders follow) scales the standard Annex K table by
/// 5000/q (q &lt; 50) or 200 − 2q, so the q whose scaled table is nearest is the quality. Files with another encoder's
/// tables read as the nearest libjpeg quality; files that are not JPEGs have none.
/// </summary>
public static class JpegQuality
{
    /// <summary>ITU T.81 Annex K.1, luminance, in natural (row-major) order.</summary>
    private static readonly int[] StandardLuma =
    [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>Zig-zag position k → natural index, as DQT stores its 64 values.</summary>
    private static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
        28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
        54, 47, 55, 62, 63,
    ];

    /// <summary>The file's estimated quality (1–100), or null when it is not a JPEG or holds no luma table.</summary>
    public static int? Read(string path)
    {
        var table = LumaTable(File.ReadAllBytes(path));
        return table is null ? null : Nearest(table);
    }

    /// <summary>Table 0 of the first DQT segment before the image data, in natural order; null if there is none.</summary>
    public static int[]? LumaTable(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return null;
        }

        int i = 2;
        while (i + 4 <= jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
            {
                return null;
            }

            byte marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }

            int length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is 0xDA or 0xD9 || length < 2 || i + 2 + length > jpeg.Length)
            {
                return null; // scan data or the end came first: no table
            }

            if (marker == 0xDB)
            {
                // One segment may hold several tables: Pq/Tq byte, then 64 values of 1 (Pq 0) or 2 bytes.
                int p = i + 4, end = i + 2 + length;
                while (p < end)
                {
                    int precision = jpeg[p] >> 4, id = jpeg[p] & 0x0F, size = precision == 0 ? 64 : 128;
                    if (p + 1 + size > end)
                    {
                        return null;
                    }

                    if (id == 0)
                    {
                        var table = new int[64];
                        for (int k = 0; k < 64; k++)
                        {
                            table[ZigZag[k]] = precision == 0 ? jpeg[p + 1 + k] : (jpeg[p + 1 + (2 * k)] << 8) | jpeg[p + 2 + (2 * k)];
                        }

                        return table;
                    }

                    p += 1 + size;
                }
            }

            i += 2 + length;
        }

        return null;
    }

    /// <summary>libjpeg's luma table at quality <paramref name="quality"/> (baseline: values 1–255).</summary>
    public static int[] Scaled(int quality)
    {
        int scale = quality < 50 ? 5000 / quality : 200 - (2 * quality);
        return [.. StandardLuma.Select(v => Math.Clamp(((v * scale) + 50) / 100, 1, 255))];
    }

    /// <summary>The quality whose libjpeg table is nearest to <paramref name="table"/> (sum of absolute differences).</summary>
    public static int Nearest(int[] table)
    {
        int best = 1;
        long bestDistance = long.MaxValue;
        for (int q = 1; q <= 100; q++)
        {
            var s = Scaled(q);
            long d = 0;
            for (int k = 0; k < 64; k++)
            {
                d += Math.Abs(s[k] - table[k]);
            }

            if (d < bestDistance)
            {
                bestDistance = d;
                best = q;
            }
        }

        return best;
    }
}
