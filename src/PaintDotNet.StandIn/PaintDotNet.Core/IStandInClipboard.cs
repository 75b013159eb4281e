using PaintDotNet.Imaging;

namespace PaintDotNet.Clipboard;

/// <summary>Stand-in only: how a test clipboard receives what Paint.NET's SetImage extension would put there.</summary>
internal interface IStandInClipboard
{
    void SetImage(IBitmapSource bitmapSource);
}
