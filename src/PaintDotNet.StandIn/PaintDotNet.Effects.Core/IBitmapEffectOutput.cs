using PaintDotNet.Rendering;

namespace PaintDotNet.Effects;

/// <summary>PixelFormat and Lock(in PixelFormat) are not modelled: the glue locks through LockBgra32.</summary>
public interface IBitmapEffectOutput
{
    RectInt32 Bounds { get; }
}
