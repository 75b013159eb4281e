using PaintDotNet.ComponentModel;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

namespace PaintDotNet.Effects;

public interface IEffectInputBitmap<TPixel> : IEffectInputBitmap, IBitmapSource<TPixel>, IBitmapSource, IObjectRef, IIsDisposed, IDisposable
    where TPixel : unmanaged, INaturalPixelInfo
{
    IBitmapLock<TPixel> Lock(RectInt32 bounds);
}
