using PaintDotNet.Imaging;

namespace PaintDotNet.Effects;

/// <summary>Stand-in only: how the test host supplies what Paint.NET's GetSourceBitmapBgra32 extension returns.</summary>
internal interface IStandInSource
{
    IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32();
}
