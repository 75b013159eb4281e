using PaintDotNet.ComponentModel;

namespace PaintDotNet.Imaging;

/// <summary>Its many members are not modelled: the glue only creates bitmaps through ImagingFactoryExtensions.</summary>
public interface IImagingFactory : IObjectRef, IIsDisposed, IDisposable
{
}
