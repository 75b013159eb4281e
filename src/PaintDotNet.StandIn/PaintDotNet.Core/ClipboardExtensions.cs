using System.Drawing;
using PaintDotNet.Imaging;

namespace PaintDotNet.Clipboard;

/// <summary>
/// The SetImage overloads as in Paint.NET (the System.Drawing ones take part in overload resolution); the
/// ISurface&lt;ColorBgra&gt; overload and the reading members are not modelled.
/// </summary>
public static class ClipboardExtensions
{
    public static void SetImage(this IClipboard clipboard, IBitmapSource bitmapSource) =>
        StandIn(clipboard).SetImage(bitmapSource);

    public static void SetImage(this IClipboard clipboard, Image image) => throw new NotSupportedException("compile-only stand-in");

    public static void SetImage(this IClipboard clipboard, Bitmap bitmap) => throw new NotSupportedException("compile-only stand-in");

    private static IStandInClipboard StandIn(IClipboard clipboard) =>
        clipboard as IStandInClipboard ?? throw new NotSupportedException("compile-only stand-in");
}
