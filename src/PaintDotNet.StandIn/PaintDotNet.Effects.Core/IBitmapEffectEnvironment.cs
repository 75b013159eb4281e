using PaintDotNet.ComponentModel;
using PaintDotNet.Imaging;

namespace PaintDotNet.Effects;

public interface IBitmapEffectEnvironment : IEffectEnvironment, IObjectRef, IIsDisposed, IDisposable
{
    new IBitmapEffectDocumentInfo Document { get; }

    IImagingFactory ImagingFactory { get; }

    new IBitmapEffectSelectionInfo Selection { get; }
}
