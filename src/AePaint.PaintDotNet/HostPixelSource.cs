using AePaint.Effects;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;

namespace AePaint.PaintDotNet;

/// <summary>Paint.NET's source layer as an <see cref="IPixelSource"/> (ColorBgra32 is BGRA8, straight alpha).</summary>
internal sealed unsafe class HostPixelSource(IEffectInputBitmap<ColorBgra32> bitmap) : IPixelSource
{
    public int Width => bitmap.Size.Width;

    public int Height => bitmap.Size.Height;

    public void Read(Rect rect, Span<byte> dest, int destStride)
    {
        using var lk = bitmap.Lock(Glue.ToHost(rect));
        byte* src = (byte*)lk.Buffer;
        int rowBytes = rect.Width * 4;
        for (int y = 0; y < rect.Height; y++)
        {
            new ReadOnlySpan<byte>(src + ((long)y * lk.BufferStride), rowBytes).CopyTo(dest.Slice(y * destStride, rowBytes));
        }
    }
}
