using System.Runtime.CompilerServices;
using PaintDotNet.ComponentModel;
using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging;

/// <summary>Stand-in only: pixels in a pinned managed array.</summary>
internal sealed unsafe class StandInBitmap<TPixel>(int width, int height) : RefTrackedObject, IBitmap<TPixel>
    where TPixel : unmanaged, INaturalPixelInfo
{
    internal byte[] Pixels { get; } = GC.AllocateArray<byte>(checked(width * height * sizeof(TPixel)), pinned: true);

    public SizeInt32 Size => new(width, height);

    public IBitmapLock<TPixel> Lock(RectInt32 rect, BitmapLockOptions lockOptions)
    {
        if (rect.X < 0 || rect.Y < 0 || rect.X + rect.Width > width || rect.Y + rect.Height > height)
        {
            throw new ArgumentOutOfRangeException(nameof(rect));
        }

        int stride = width * sizeof(TPixel);
        var start = (TPixel*)Unsafe.AsPointer(ref Pixels[(rect.Y * stride) + (rect.X * sizeof(TPixel))]);
        return new PinnedLock(start, new SizeInt32(rect.Width, rect.Height), stride);
    }

    IBitmapLock IBitmap.Lock(RectInt32 rect, BitmapLockOptions lockOptions) => Lock(rect, lockOptions);

    private sealed class PinnedLock(TPixel* buffer, SizeInt32 size, int stride) : RefTrackedObject, IBitmapLock<TPixel>
    {
        public TPixel* Buffer => buffer;

        public SizeInt32 Size => size;

        public int BufferStride => stride;
    }
}
