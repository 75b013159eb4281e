namespace PaintDotNet.AppModel;

public interface IUISynchronizationContext
{
    bool IsOnUIThread { get; }

    void Post(SendOrPostCallback d, object? state);

    void Send(SendOrPostCallback d, object? state);
}
