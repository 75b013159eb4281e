using System.Windows.Forms;
using AePaint.Imaging;
using PaintDotNet.AppModel;
using PaintDotNet.Clipboard;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

namespace AePaint.PaintDotNet.Tests;

/// <summary>The services Paint.NET hands an effect (each can be taken away to test the effect without it).</summary>
internal sealed class FakeServices : IServiceProvider
{
    public FakeDialogs? Dialogs { get; set; } = new();

    public FakeClipboard? Clipboard { get; set; } = new();

    public FakeUiThread? Ui { get; set; } = new();

    /// <summary>Takes the UI-thread service away: the glue then does UI work on the render thread.</summary>
    public FakeServices WithoutUiThread()
    {
        Ui = null;
        Dialogs?.RequireUiThread = false;
        Clipboard?.RequireUiThread = false;
        return this;
    }

    public object? GetService(Type serviceType) =>
        serviceType == typeof(IExceptionDialogService) ? Dialogs
        : serviceType == typeof(IClipboardService) ? Clipboard
        : serviceType == typeof(IUISynchronizationContext) ? Ui
        : null;
}

/// <summary>Records what Paint.NET's error dialog would show.</summary>
internal sealed class FakeDialogs : IExceptionDialogService
{
    private readonly List<(string? Message, Exception? Exception, string? Details)> _shown = [];

    public bool RequireUiThread { get; set; } = true;

    public IReadOnlyList<(string? Message, Exception? Exception, string? Details)> Shown
    {
        get
        {
            lock (_shown)
            {
                return _shown.ToArray();
            }
        }
    }

    public void ShowErrorDialog(IWin32Window? owner, Exception exception, ExceptionDetailOptions exceptionDetailOptions = ExceptionDetailOptions.Default) =>
        Add(null, exception, null);

    public void ShowErrorDialog(IWin32Window? owner, string? message, Exception exception, ExceptionDetailOptions exceptionDetailOptions = ExceptionDetailOptions.Default) =>
        Add(message, exception, null);

    public void ShowErrorDialog(IWin32Window? owner, string? message, string detailsText) => Add(message, null, detailsText);

    private void Add(string? message, Exception? exception, string? details)
    {
        Assert.True(FakeUiThread.IsCurrent || !RequireUiThread, "dialogs are shown on the UI thread");
        lock (_shown)
        {
            _shown.Add((message, exception, details));
        }
    }
}

/// <summary>Keeps copies of the bitmaps put on the clipboard.</summary>
internal sealed class FakeClipboard : IClipboardService, IStandInClipboard
{
    public List<Bgra8Image> Images { get; } = [];

    public bool RequireUiThread { get; set; } = true;

    public unsafe void SetImage(IBitmapSource bitmapSource)
    {
        Assert.True(FakeUiThread.IsCurrent || !RequireUiThread, "the clipboard is set on the UI thread");
        var bitmap = Assert.IsAssignableFrom<IBitmap<ColorBgra32>>(bitmapSource);
        var size = bitmap.Size;
        var copy = new Bgra8Image(size.Width, size.Height);
        using (var lk = bitmap.Lock(new RectInt32(0, 0, size.Width, size.Height), BitmapLockOptions.Read))
        {
            for (int y = 0; y < size.Height; y++)
            {
                new ReadOnlySpan<byte>((byte*)lk.Buffer + (y * lk.BufferStride), copy.Stride).CopyTo(copy.Row(y));
            }
        }

        lock (Images)
        {
            Images.Add(copy);
        }
    }
}

/// <summary>Paint.NET's UI thread: posted work waits until the test "pumps" it.</summary>
internal sealed class FakeUiThread : IUISynchronizationContext
{
    [ThreadStatic]
    private static bool _current;

    private readonly List<(SendOrPostCallback Callback, object? State)> _posted = [];

    public static bool IsCurrent => _current;

    public bool IsOnUIThread => _current;

    public int Pending
    {
        get
        {
            lock (_posted)
            {
                return _posted.Count;
            }
        }
    }

    public void Post(SendOrPostCallback d, object? state)
    {
        lock (_posted)
        {
            _posted.Add((d, state));
        }
    }

    public void Send(SendOrPostCallback d, object? state) => throw new InvalidOperationException("render threads must not block on the UI thread");

    /// <summary>Runs what was posted, as the UI thread's message loop would.</summary>
    public void Pump()
    {
        (SendOrPostCallback Callback, object? State)[] work;
        lock (_posted)
        {
            work = [.. _posted];
            _posted.Clear();
        }

        _current = true;
        try
        {
            foreach (var (callback, state) in work)
            {
                callback(state);
            }
        }
        finally
        {
            _current = false;
        }
    }
}
