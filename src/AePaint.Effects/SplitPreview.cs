namespace AePaint.Effects;

/// <summary>
/// "Preview: split": the left half of the changed area shows the original, the right half the result, with a thin
/// divider between (one light and one dark column, visible on any picture). Paint.NET renders the dialog's preview
/// and the applied result through the same call, so a split left on when OK is pressed is applied as shown; the
/// dialog says so.
/// </summary>
public static class SplitPreview
{
    public const byte Light = 255;
    public const byte Dark = 0;

    /// <summary>First result column (layer x) for an area: the middle of it. Columns left of it keep the original.</summary>
    public static int ResultStart(Rect changed) => changed.X + (changed.Width / 2);

    /// <summary>The part of <paramref name="area"/> that shows the result (right of the divider).</summary>
    public static Rect ResultPart(Rect area, Rect changed)
    {
        int start = ResultStart(changed) + 1;
        return area.Intersect(Rect.FromEdges(start, area.Y, Math.Max(start, area.Right), area.Bottom));
    }

    /// <summary>Paints the divider (columns start−1 light, start dark) into a render tile's BGRA rows, clipped to it.</summary>
    public static void DrawDivider(Rect tile, Span<byte> dest, int destStride, Rect changed)
    {
        int start = ResultStart(changed);
        for (int x = start - 1; x <= start; x++)
        {
            var column = tile.Intersect(new Rect(x, changed.Y, 1, changed.Height));
            if (column.IsEmpty)
            {
                continue;
            }

            byte v = x < start ? Light : Dark;
            for (int y = column.Y; y < column.Bottom; y++)
            {
                int o = ((y - tile.Y) * destStride) + ((x - tile.X) * 4);
                dest[o] = v;
                dest[o + 1] = v;
                dest[o + 2] = v;
                dest[o + 3] = 255;
            }
        }
    }
}
