using PaintDotNet.ComponentModel;
using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging;

/// <summary>SetPalette and Resolution are not modelled (unused by the glue).</summary>
public interface IBitmap : IBitmapSource, IObjectRef, IIsDisposed, IDisposable
{
    IBitmapLock Lock(RectInt32 rect, BitmapLockOptions lockOptions);
}
