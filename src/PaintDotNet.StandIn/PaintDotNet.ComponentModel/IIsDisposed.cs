namespace PaintDotNet;

public interface IIsDisposed : IDisposable
{
    bool IsDisposed { get; }
}
