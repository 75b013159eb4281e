using PaintDotNet.ComponentModel;

namespace PaintDotNet.Effects;

/// <summary>GetBitmap, Size and Resolution are not modelled (unused by the glue).</summary>
public interface IEffectDocumentInfo : IObjectRef, IIsDisposed, IDisposable
{
    IEffectDocumentMetadata Metadata { get; }
}
