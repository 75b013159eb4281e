namespace AePaint.Effects;

/// <summary>What the host says about the selection before rendering.</summary>
/// <param name="Bounds">Selection bounds clipped to the layer (the whole layer when nothing is selected).</param>
/// <param name="Mask">Coverage mask, or null for "fully selected everywhere in Bounds".</param>
public sealed record SelectionInfo(Rect Bounds, IMaskSource? Mask)
{
    public static SelectionInfo WholeLayer(int width, int height) => new(new Rect(0, 0, width, height), null);
}
