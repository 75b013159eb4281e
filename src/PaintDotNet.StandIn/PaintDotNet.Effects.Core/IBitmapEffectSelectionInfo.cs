using PaintDotNet.ComponentModel;

namespace PaintDotNet.Effects;

/// <summary>Geometry is not modelled (unused by the glue).</summary>
public interface IBitmapEffectSelectionInfo : IEffectSelectionInfo, IObjectRef, IIsDisposed, IDisposable
{
}
