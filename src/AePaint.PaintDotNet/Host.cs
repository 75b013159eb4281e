using System.Diagnostics;
using AePaint.Effects;
using AePaint.Imaging;
using AePaint.Imaging.Png;
using PaintDotNet.AppModel;
using PaintDotNet.Clipboard;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

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

/// <summary>Our pixels as Paint.NET bitmaps: the effect icons and the clipboard image.</summary>
internal static class Bitmaps
{
    public static unsafe IBitmap<ColorBgra32> FromImage(Bgra8Image image)
    {
        // The global factory: constructors (icons) have no Services to ask.
        using var factory = ImagingFactory.CreateRef();
        var bitmap = factory.CreateBitmap<ColorBgra32>(image.Width, image.Height);
        using var lk = bitmap.Lock(new RectInt32(0, 0, image.Width, image.Height), BitmapLockOptions.Write);
        for (int y = 0; y < image.Height; y++)
        {
            image.Row(y).CopyTo(new Span<byte>((byte*)lk.Buffer + ((long)y * lk.BufferStride), image.Stride));
        }

        return bitmap;
    }

    /// <summary>The effect's menu icon, an embedded 16×16 PNG (Icons/*.png).</summary>
    public static IBitmapSource Icon(string name)
    {
        using var stream = typeof(Bitmaps).Assembly.GetManifestResourceStream($"AePaint.PaintDotNet.Icons.{name}.png")
            ?? throw new InvalidOperationException($"icon {name} is not embedded");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return FromImage(PngCodec.Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)));
    }
}
