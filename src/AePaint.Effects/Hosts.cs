namespace AePaint.Effects;

/// <summary>The layer being edited, as the host gives it: straight-alpha BGRA8 (Paint.NET's ColorBgra32 layout).</summary>
public interface IPixelSource
{
    int Width { get; }

    int Height { get; }

    /// <summary>Copies <paramref name="rect"/> (inside the layer) into <paramref name="dest"/>, rows <paramref name="destStride"/> bytes apart.</summary>
    void Read(Rect rect, Span<byte> dest, int destStride);
}

/// <summary>The selection's coverage, 0..255 per pixel (Paint.NET's ColorAlpha8 mask, antialiased/feathered).</summary>
public interface IMaskSource
{
    /// <summary>Copies coverage of <paramref name="rect"/> into <paramref name="dest"/> (rect.Width bytes per row).</summary>
    void Read(Rect rect, Span<byte> dest);
}

/// <summary>What the host says about the selection before rendering.</summary>
/// <param name="Bounds">Selection bounds clipped to the layer (the whole layer when nothing is selected).</param>
/// <param name="Mask">Coverage mask, or null for "fully selected everywhere in Bounds".</param>
public sealed record SelectionInfo(Rect Bounds, IMaskSource? Mask)
{
    public static SelectionInfo WholeLayer(int width, int height) => new(new Rect(0, 0, width, height), null);
}
