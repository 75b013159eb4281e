namespace AePaint.Imaging.Tiling;

/// <summary>
/// Splits an image axis into model windows. Windows start on multiples of <c>multipleOf</c> relative to the
/// image origin (so strided nets see the same sampling grid in every tile), keep at least <c>overlap</c>
/// pixels of context beyond what is kept, and all have the same size (one session shape per run).
/// </summary>
public static class TilePlanner
{
    /// <param name="size">Image size along the axis (≥ 1).</param>
    /// <param name="tileSize">Requested window size; raised to the smallest usable window when too small.</param>
    /// <param name="overlap">Context the model needs on each side (≥ its receptive field).</param>
    /// <param name="feather">Cross-fade band at core boundaries (rounded down to even).</param>
    /// <param name="multipleOf">Window sizes and starts are multiples of this.</param>
    public static AxisPlan PlanAxis(int size, int tileSize, int overlap, int feather, int multipleOf)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "An image axis must have at least one pixel.");
        }

        if (multipleOf < 1 || overlap < 0 || feather < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(multipleOf), "multipleOf must be ≥ 1; overlap and feather ≥ 0.");
        }

        feather &= ~1;
        int context = RoundUp(overlap + (feather / 2), multipleOf);
        int maxStep = Math.Max(multipleOf, RoundDown(tileSize - (2 * context), multipleOf));
        maxStep = Math.Max(maxStep, RoundUp(feather, multipleOf));

        int count = (int)Math.Ceiling(size / (double)maxStep);

        // Even out the tiles so the last one is not a sliver: same count, smallest step that covers the axis.
        int step = RoundUp((int)Math.Ceiling(size / (double)count), multipleOf);
        if (count > 1)
        {
            step = Math.Max(step, RoundUp(feather, multipleOf));
            count = (int)Math.Ceiling(size / (double)step);
        }

        int window = step + (2 * context);
        var tiles = new TileSpan[count];
        for (int k = 0; k < count; k++)
        {
            int coreStart = k * step;
            int coreEnd = Math.Min(size, (k + 1) * step);
            int keepStart = k == 0 ? 0 : coreStart - (feather / 2);
            // A last core shorter than half the feather (steps are rounded up to multipleOf) must not push the
            // previous tile's cross-fade past the image edge.
            int keepEnd = k == count - 1 ? size : Math.Min(size, coreEnd + (feather / 2));
            tiles[k] = new TileSpan(coreStart - context, window, keepStart, keepEnd, coreStart, coreEnd);
        }

        return new AxisPlan(size, step, context, feather, tiles);
    }

    public static int RoundUp(int v, int m) => (v + m - 1) / m * m;

    public static int RoundDown(int v, int m) => v / m * m;
}
