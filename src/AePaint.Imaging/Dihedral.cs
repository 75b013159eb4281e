namespace AePaint.Imaging;

/// <summary>
/// The eight flips and quarter turns of an image (the dihedral group of the square), for self-ensembling: a
/// net's mistakes differ between orientations, so averaging its outputs over several orientations (each turned
/// back) is a little more accurate. Transform k: bit 0 mirrors left–right, bit 1 mirrors top–bottom, bit 2 then
/// swaps x and y (transposes), so transforms 4–7 turn a W×H image into H×W.
/// </summary>
public static class Dihedral
{
    public const int Count = 8;

    public static bool SwapsAxes(int k) => (k & 4) != 0;

    /// <summary>Writes transform <paramref name="k"/> of <paramref name="src"/> into <paramref name="dst"/>
    /// (same channels; dimensions swapped when the transform transposes).</summary>
    public static void Apply(PlanarImage src, int k, PlanarImage dst)
    {
        CheckShapes(src, k, dst);
        int w = src.Width, h = src.Height, plane = src.PlaneSize;
        var s = src.Data;
        var d = dst.Data;
        for (int c = 0; c < src.Channels; c++)
        {
            int o = c * plane, i = o;
            for (int y = 0; y < dst.Height; y++)
            {
                for (int x = 0; x < dst.Width; x++)
                {
                    d[i++] = s[o + SourceIndex(k, w, h, x, y)];
                }
            }
        }
    }

    /// <summary>Turns <paramref name="transformed"/> (the output for transform k of an image shaped like
    /// <paramref name="accumulator"/>) back and adds it into the accumulator.</summary>
    public static void AddInverse(PlanarImage transformed, int k, PlanarImage accumulator)
    {
        CheckShapes(accumulator, k, transformed);
        int w = accumulator.Width, h = accumulator.Height, plane = accumulator.PlaneSize;
        var t = transformed.Data;
        var a = accumulator.Data;
        for (int c = 0; c < accumulator.Channels; c++)
        {
            int o = c * plane, i = o;
            for (int y = 0; y < transformed.Height; y++)
            {
                for (int x = 0; x < transformed.Width; x++)
                {
                    a[o + SourceIndex(k, w, h, x, y)] += t[i++];
                }
            }
        }
    }

    // Index into the untransformed w×h plane of the pixel that transform k puts at (x, y).
    private static int SourceIndex(int k, int w, int h, int x, int y)
    {
        if (SwapsAxes(k))
        {
            (x, y) = (y, x);
        }

        if ((k & 1) != 0)
        {
            x = w - 1 - x;
        }

        if ((k & 2) != 0)
        {
            y = h - 1 - y;
        }

        return (y * w) + x;
    }

    private static void CheckShapes(PlanarImage original, int k, PlanarImage transformed)
    {
        if (k is < 0 or >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"Transform {k} is outside 0..7.");
        }

        var (w, h) = SwapsAxes(k) ? (original.Height, original.Width) : (original.Width, original.Height);
        if (transformed.Channels != original.Channels || transformed.Width != w || transformed.Height != h)
        {
            throw new ArgumentException($"Transform {k} of a {original.Channels}×{original.Width}×{original.Height} image is {original.Channels}×{w}×{h}, not {transformed.Channels}×{transformed.Width}×{transformed.Height}.");
        }
    }
}
