using PaintDotNet.ComponentModel;

namespace PaintDotNet.Effects;

/// <summary>PrimaryColor, SecondaryColor, BrushSize and SourceLayerIndex are not modelled (unused by the glue).</summary>
public interface IEffectEnvironment : IObjectRef, IIsDisposed, IDisposable
{
    IEffectDocumentInfo Document { get; }

    IEffectSelectionInfo Selection { get; }
}
