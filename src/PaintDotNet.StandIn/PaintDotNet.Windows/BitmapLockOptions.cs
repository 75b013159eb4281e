namespace PaintDotNet.Imaging;

[Flags]
public enum BitmapLockOptions
{
    Read = 1,
    Write = 2,
    ReadWrite = Read | Write,
}
