using PaintDotNet.Imaging;

namespace PaintDotNet.Effects;

public static class EffectEnvironmentExtensions
{
    public static IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32(this IEffectEnvironment environment) =>
        environment is IStandInSource s ? s.GetSourceBitmapBgra32() : throw new NotSupportedException("compile-only stand-in");
}
