namespace PaintDotNet.Clipboard;

/// <summary>Open(nint) and its transaction type are not modelled: the glue only uses the SetImage extension.</summary>
public interface IClipboard
{
}
