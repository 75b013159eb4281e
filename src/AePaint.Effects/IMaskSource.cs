namespace AePaint.Effects;

/// <summary>The selection's coverage, 0..255 per pixel (Paint.NET's ColorAlpha8 mask, antialiased/feathered).</summary>
public interface IMaskSource
{
    /// <summary>Copies coverage of <paramref name="rect"/> into <paramref name="dest"/> (rect.Width bytes per row).</summary>
    void Read(Rect rect, Span<byte> dest);
}
