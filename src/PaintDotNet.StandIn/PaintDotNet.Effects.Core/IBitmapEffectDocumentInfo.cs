using PaintDotNet.ComponentModel;

namespace PaintDotNet.Effects;

/// <summary>Layers is not modelled (unused by the glue).</summary>
public interface IBitmapEffectDocumentInfo : IEffectDocumentInfo, IObjectRef, IIsDisposed, IDisposable
{
}
