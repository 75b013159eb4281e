using System.Diagnostics;
using AePaint.Effects;
using AePaint.Imaging;
using PaintDotNet.AppModel;
using PaintDotNet.Clipboard;

namespace AePaint.PaintDotNet;

/// <summary>Paint.NET's services as the <see cref="IEffectHost"/> the effect logic talks to.</summary>
internal sealed class PdnEffectHost(IServiceProvider services) : IEffectHost
{
    /// <summary>False when Paint.NET offers no error dialog service: errors must then reach Paint.NET as exceptions.</summary>
    public bool CanShowErrors => Get<IExceptionDialogService>() != null;

    public void ShowError(EffectException error) =>
        Dialogs().ShowErrorDialog(null, error.Message, error.InnerException ?? error);

    public void ShowNotice(string message, string details) => Dialogs().ShowErrorDialog(null, message, details);

    public void SetClipboardImage(Bgra8Image image)
    {
        var clipboard = Get<IClipboardService>() ?? throw new InvalidOperationException("Paint.NET offers no clipboard service to effects");
        using var bitmap = Bitmaps.FromImage(image);
        clipboard.SetImage(bitmap);
    }

    /// <summary>
    /// Runs UI work (dialogs, clipboard) on Paint.NET's UI thread without waiting for it: render threads must not
    /// block on the UI thread, which may itself be waiting for rendering to finish. Without that service: here.
    /// </summary>
    public void OnUiThread(Action action)
    {
        var ui = Get<IUISynchronizationContext>();
        if (ui is null || ui.IsOnUIThread)
        {
            action();
            return;
        }

        ui.Post(
            _ =>
            {
                try
                {
                    action();
                }
                catch (Exception e)
                {
                    // Nothing is left to tell on the UI thread; keep it for a debugger rather than crash Paint.NET.
                    Trace.TraceError($"AePaint: {e}");
                }
            },
            null);
    }

    private IExceptionDialogService Dialogs() =>
        Get<IExceptionDialogService>() ?? throw new InvalidOperationException("Paint.NET offers no error dialog service to effects");

    private T? Get<T>()
        where T : class => services.GetService(typeof(T)) as T;
}
