namespace AePaint.Effects;

/// <summary>Where pixels come from and where results land, in layer coordinates.</summary>
public static class Geometry
{
    /// <summary>Context margin for a model: its overlap/receptive field (never less than <see cref="MinimumMargin"/>).</summary>
    public const int MinimumMargin = 16;

    public static int Margin(Inference.Cards.ModelCard card) => Math.Max(card.EffectiveOverlap, MinimumMargin);

    /// <summary>The region the model reads: the selection bounds grown by <paramref name="margin"/>, clipped to the layer.</summary>
    public static Rect Context(Rect selection, int layerWidth, int layerHeight, int margin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        return selection.Inflate(margin).Intersect(new Rect(0, 0, layerWidth, layerHeight));
    }

    /// <summary>The ×<paramref name="scale"/> image of the selection, placed with its top-left on the selection's (not clipped).</summary>
    public static Rect UpscaledPlacement(Rect selection, int scale) =>
        new(selection.X, selection.Y, checked(selection.Width * scale), checked(selection.Height * scale));

    /// <summary>The canvas size "into canvas" needs to show the whole result (never smaller than the current one).</summary>
    public static (int Width, int Height) CanvasNeeded(Rect selection, int scale, int layerWidth, int layerHeight)
    {
        var p = UpscaledPlacement(selection, scale);
        return (Math.Max(layerWidth, p.Right), Math.Max(layerHeight, p.Bottom));
    }

    /// <summary>Where the selection sits inside the model output of the context: offset × scale, size × scale.</summary>
    public static Rect SelectionInOutput(Rect selection, Rect context, int scale) =>
        new((selection.X - context.X) * scale, (selection.Y - context.Y) * scale, selection.Width * scale, selection.Height * scale);
}
