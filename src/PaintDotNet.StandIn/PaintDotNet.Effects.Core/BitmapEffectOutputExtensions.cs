using PaintDotNet.Imaging;

namespace PaintDotNet.Effects;

public static class BitmapEffectOutputExtensions
{
    public static IBitmapLock<ColorBgra32> LockBgra32(this IBitmapEffectOutput output) =>
        output is IStandInOutput o ? o.LockBgra32() : throw new NotSupportedException("compile-only stand-in");
}
