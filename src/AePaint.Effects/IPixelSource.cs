namespace AePaint.Effects;

/// <summary>The layer being edited, as the host gives it: straight-alpha BGRA8 (Paint.NET's ColorBgra32 layout).</summary>
public interface IPixelSource
{
    int Width { get; }

    int Height { get; }

    /// <summary>Copies <paramref name="rect"/> (inside the layer) into <paramref name="dest"/>, rows <paramref name="destStride"/> bytes apart.</summary>
    void Read(Rect rect, Span<byte> dest, int destStride);
}
