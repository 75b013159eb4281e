using PaintDotNet.ComponentModel;
using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging;

/// <summary>CopyPixels, GetPalette, PixelFormat and Resolution are not modelled (unused by the glue).</summary>
public interface IBitmapSource : IObjectRef, IIsDisposed, IDisposable
{
    SizeInt32 Size { get; }
}
