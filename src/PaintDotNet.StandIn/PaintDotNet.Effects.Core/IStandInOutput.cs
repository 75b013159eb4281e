using PaintDotNet.Imaging;

namespace PaintDotNet.Effects;

/// <summary>Stand-in only: the test host's output buffer.</summary>
internal interface IStandInOutput
{
    IBitmapLock<ColorBgra32> LockBgra32();
}
