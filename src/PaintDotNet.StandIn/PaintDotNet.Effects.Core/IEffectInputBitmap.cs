using PaintDotNet.ComponentModel;
using PaintDotNet.Imaging;

namespace PaintDotNet.Effects;

public interface IEffectInputBitmap : IBitmapSource, IObjectRef, IIsDisposed, IDisposable
{
}
