using PaintDotNet.ComponentModel;

namespace PaintDotNet.Imaging;

public interface IBitmapSource<TPixel> : IBitmapSource, IObjectRef, IIsDisposed, IDisposable
    where TPixel : unmanaged, INaturalPixelInfo
{
}
