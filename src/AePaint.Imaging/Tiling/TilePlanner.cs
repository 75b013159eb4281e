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
        return WithCount(size, (int)Math.Ceiling(size / (double)maxStep), context, feather, multipleOf);
    }

    /// <summary>
    /// Both axes, with windows of at most <paramref name="tileSize"/>² pixels (each side at most twice
    /// <paramref name="tileSize"/>): of all tile counts, the one that makes the model read the fewest pixels when its
    /// windows run in rounds of <paramref name="lanes"/> side by side (an idle lane in the last round counts as read;
    /// a single window runs on every core).
    /// Windows need not be square: a 4000×3000 photo at tile 1024 and one lane is 5×3 windows of 864×1064 (reading 1.15×
    /// its pixels), not 5×4 of 864×816 (1.18×). Sizes too small for any window fall back to <see cref="PlanAxis"/> per axis.
    /// </summary>
    public static (AxisPlan X, AxisPlan Y) Plan(int width, int height, int tileSize, int overlap, int feather, int multipleOf, int lanes = 1)
    {
        PlanAxis(1, tileSize, overlap, feather, multipleOf); // the same argument checks
        feather &= ~1; // the cross-fade band is split evenly around each core boundary
        int context = RoundUp(overlap + (feather / 2), multipleOf);
        long budget = (long)tileSize * tileSize;
        int maxSide = 2 * tileSize;
        lanes = Math.Max(1, lanes);
        int minStep = Math.Max(multipleOf, RoundUp(feather, multipleOf));
        (long Cost, int Tiles, int Nx, int Ny)? best = null;
        for (int nx = 1; nx <= (width + minStep - 1) / minStep; nx++)
        {
            int wx = Window(width, nx, context, feather, multipleOf);
            int maxStepY = RoundDown((int)Math.Min(maxSide, budget / wx) - (2 * context), multipleOf);
            if (wx > maxSide || maxStepY < minStep)
            {
                continue;
            }

            // The fewest rows that fit; a few more can fill the last round of lanes better.
            int fewest = (height + maxStepY - 1) / maxStepY;
            for (int ny = fewest; ny < fewest + lanes; ny++)
            {
                int wy = Window(height, ny, context, feather, multipleOf);
                int tiles = Count(width, nx, feather, multipleOf) * Count(height, ny, feather, multipleOf);
                long cost = (tiles == 1 ? 1 : (tiles + lanes - 1) / lanes * (long)lanes) * wx * wy; // one window gets every core
                if (best is not { } b || cost < b.Cost || (cost == b.Cost && tiles < b.Tiles))
                {
                    best = (cost, tiles, nx, ny);
                }
            }
        }

        return best is { } chosen
            ? (WithCount(width, chosen.Nx, context, feather, multipleOf), WithCount(height, chosen.Ny, context, feather, multipleOf))
            : (PlanAxis(width, tileSize, overlap, feather, multipleOf), PlanAxis(height, tileSize, overlap, feather, multipleOf));
    }

    // Rounding the step up can leave fewer tiles than asked for.
    private static int Count(int size, int count, int feather, int multipleOf)
    {
        int step = Step(size, count, feather, multipleOf);
        return (size + step - 1) / step;
    }

    private static int Window(int size, int count, int context, int feather, int multipleOf) =>
        Step(size, count, feather, multipleOf) + (2 * context);

    // The smallest step, in multiples of multipleOf, that covers the axis with count tiles (no sliver last tile),
    // and at least the feather so cross-fades stay between neighbours.
    private static int Step(int size, int count, int feather, int multipleOf)
    {
        int step = RoundUp((int)Math.Ceiling(size / (double)count), multipleOf);
        return count > 1 ? Math.Max(step, RoundUp(feather, multipleOf)) : step;
    }

    private static AxisPlan WithCount(int size, int count, int context, int feather, int multipleOf)
    {
        int step = Step(size, count, feather, multipleOf);
        count = (int)Math.Ceiling(size / (double)step);
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
