using PaintDotNet.ComponentModel;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

namespace PaintDotNet.Effects;

/// <summary>RenderScans is not modelled (unused by the glue).</summary>
public interface IEffectSelectionInfo : IObjectRef, IIsDisposed, IDisposable
{
    RectInt32 RenderBounds { get; }

    IEffectInputBitmap<ColorAlpha8> MaskBitmap { get; }
}
