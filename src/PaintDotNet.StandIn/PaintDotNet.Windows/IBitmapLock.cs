using PaintDotNet.ComponentModel;
using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging;

/// <summary>Buffer (void*), BufferSize and PixelFormat are not modelled (unused by the glue).</summary>
public interface IBitmapLock : IObjectRef, IIsDisposed, IDisposable
{
    SizeInt32 Size { get; }

    int BufferStride { get; }
}
