using AePaint.Effects;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;

namespace AePaint.PaintDotNet;

/// <summary>Paint.NET's selection coverage (ColorAlpha8, antialiased/feathered) as an <see cref="IMaskSource"/>.</summary>
internal sealed unsafe class HostMaskSource(IEffectInputBitmap<ColorAlpha8> mask) : IMaskSource
{
    public void Read(Rect rect, Span<byte> dest)
    {
        using var lk = mask.Lock(Glue.ToHost(rect));
        byte* src = (byte*)lk.Buffer;
        for (int y = 0; y < rect.Height; y++)
        {
            new ReadOnlySpan<byte>(src + ((long)y * lk.BufferStride), rect.Width).CopyTo(dest.Slice(y * rect.Width, rect.Width));
        }
    }
}
