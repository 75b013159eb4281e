using PaintDotNet.Imaging;

namespace System.Windows.Forms
{
    /// <summary>
    /// Stand-in for WinForms' IWin32Window (the real one comes with the Windows Desktop reference pack, which this
    /// machine lacks); IExceptionDialogService's owner parameter has this type. The glue only ever passes null.
    /// </summary>
    public interface IWin32Window
    {
        IntPtr Handle { get; }
    }
}

namespace PaintDotNet.AppModel
{
    using System.Windows.Forms;
    using PaintDotNet.Clipboard;

    [Flags]
    public enum ExceptionDetailOptions : long
    {
        Default = 0,
        ExcludeDiagnostics = 1,
    }

    public interface IExceptionDialogService
    {
        void ShowErrorDialog(IWin32Window? owner, Exception exception, ExceptionDetailOptions exceptionDetailOptions = ExceptionDetailOptions.Default);

        void ShowErrorDialog(IWin32Window? owner, string? message, Exception exception, ExceptionDetailOptions exceptionDetailOptions = ExceptionDetailOptions.Default);

        void ShowErrorDialog(IWin32Window? owner, string? message, string detailsText);
    }

    public interface IClipboardService : IClipboard
    {
    }

    public interface IUISynchronizationContext
    {
        bool IsOnUIThread { get; }

        void Post(SendOrPostCallback d, object? state);

        void Send(SendOrPostCallback d, object? state);
    }
}

namespace PaintDotNet.Clipboard
{
    /// <summary>Open(nint) and the transaction type are left out: the glue only uses the SetImage extension.</summary>
    public interface IClipboard
    {
    }

    /// <summary>Stand-in only: how a test clipboard receives what Paint.NET's SetImage extension would put there.</summary>
    internal interface IStandInClipboard
    {
        void SetImage(IBitmapSource bitmapSource);
    }

    public static class ClipboardExtensions
    {
        public static void SetImage(this IClipboard clipboard, IBitmapSource bitmapSource)
        {
            if (clipboard is not IStandInClipboard c)
            {
                throw new NotSupportedException("compile-only stand-in");
            }

            c.SetImage(bitmapSource);
        }
    }
}
