namespace AePaint.Imaging.Tiling;

/// <summary>The tiles along one axis and the weights that blend them (a partition of unity).</summary>
public sealed class AxisPlan
{
    internal AxisPlan(int size, int longestCore, int context, int feather, TileSpan[] tiles)
    {
        Size = size;
        LongestCore = longestCore;
        Context = context;
        Feather = feather;
        Tiles = tiles;
    }

    /// <summary>Image size along the axis.</summary>
    public int Size { get; }

    /// <summary>Longest core of any tile (the edge tiles' cores are longer by the context they need on one side only).</summary>
    public int LongestCore { get; }

    /// <summary>Pixels each window reaches beyond its core towards its neighbours (overlap + half the feather, rounded up to multipleOf).</summary>
    public int Context { get; }

    /// <summary>Width of the band, centred on each core boundary, over which neighbours are cross-faded.</summary>
    public int Feather { get; }

    public IReadOnlyList<TileSpan> Tiles { get; }

    public int WindowSize => Tiles.Count == 0 ? 0 : Tiles[0].WindowSize;

    /// <summary>
    /// Blend weight of tile <paramref name="index"/> at output coordinate <paramref name="q"/> (output pixels,
    /// i.e. input × <paramref name="scale"/>). Neighbouring weights sum to exactly 1 at every output pixel.
    /// </summary>
    public float Weight(int index, int q, int scale)
    {
        var t = Tiles[index];
        float w = 1f;
        if (index > 0)
        {
            w *= Rise(q, t.CoreStart, scale);
        }

        if (index < Tiles.Count - 1)
        {
            w *= 1f - Rise(q, t.CoreEnd, scale);
        }

        return w;
    }

    // Raised cosine from 0 to 1 across [boundary - F/2, boundary + F/2), evaluated at pixel centres.
    private float Rise(int q, int boundary, int scale)
    {
        int width = Feather * scale;
        int start = (boundary - (Feather / 2)) * scale;
        if (q < start)
        {
            return 0f;
        }

        if (q >= start + width)
        {
            return 1f;
        }

        double u = (q - start + 0.5) / width;
        return (float)(0.5 - (0.5 * Math.Cos(Math.PI * u)));
    }
}
