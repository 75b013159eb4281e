using PaintDotNet.Clipboard;

namespace PaintDotNet.AppModel;

public interface IClipboardService : IClipboard
{
}
