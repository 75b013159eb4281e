using PaintDotNet.ComponentModel;

namespace PaintDotNet.Imaging;

public unsafe interface IBitmapLock<TPixel> : IBitmapLock, IObjectRef, IIsDisposed, IDisposable
    where TPixel : unmanaged, INaturalPixelInfo
{
    TPixel* Buffer { get; }
}
