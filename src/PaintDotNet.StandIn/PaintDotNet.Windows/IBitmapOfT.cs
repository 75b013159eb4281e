using PaintDotNet.ComponentModel;
using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging;

public interface IBitmap<TPixel> : IBitmap, IBitmapSource<TPixel>, IBitmapSource, IObjectRef, IIsDisposed, IDisposable
    where TPixel : unmanaged, INaturalPixelInfo
{
    new IBitmapLock<TPixel> Lock(RectInt32 rect, BitmapLockOptions lockOptions);
}
