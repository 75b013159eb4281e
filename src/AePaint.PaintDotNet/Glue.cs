using AePaint.Effects;
using AePaint.Inference.Embedding;
using PaintDotNet.Effects;
using PaintDotNet.Rendering;

namespace AePaint.PaintDotNet;

/// <summary>What both effects share: rectangles, selection, model lists, rendering one host tile.</summary>
internal static class Glue
{
    public static RectInt32 ToHost(Rect r) => new(r.X, r.Y, r.Width, r.Height);

    public static Rect FromHost(RectInt32 r) => new(r.X, r.Y, r.Width, r.Height);

    /// <summary>
    /// The first tile runs alone because it prepares what every tile shares (session, context pixels, the engine's
    /// window plan, σ) and reports a failure once; its own model windows still run on every lane. Paint.NET 5.1
    /// documents no way to ask for larger render tiles, only the schedule: square tiles (kept), full-width strips, or
    /// one call with everything (no progress at all). With render tiles blended out of the engine's windows the model
    /// work does not depend on the tile shape. Paint.NET asks for these flags before any
    /// token, so they are per effect: Denoise leaves clipping to Paint.NET (it blends the result through the feathered
    /// selection; the run does not blend again), Super-Resolution turns it off because its canvas mode writes past the
    /// selection (its other modes blend through the mask themselves).
    /// </summary>
    public static void InitializeRenderInfo(IBitmapEffectRenderInfo renderInfo, bool writesPastSelection)
    {
        renderInfo.Flags |= BitmapEffectRenderingFlags.FirstTileIsRenderedWithBarrier;
        if (writesPastSelection)
        {
            renderInfo.Flags |= BitmapEffectRenderingFlags.DisableSelectionClipping;
        }

        renderInfo.Schedule = BitmapEffectRenderingSchedule.SquareTiles;
    }

    /// <summary>
    /// The document's EXIF camera and ISO (Auto preselects a model trained on that camera's noise), or null. EXIF is
    /// a hint: whatever the host's metadata API throws or lacks, the effect runs without it. Untested in Paint.NET.
    /// </summary>
    public static ShotInfo? Shot(IEffectEnvironment environment)
    {
        try
        {
            var items = environment.Document.Metadata.ExifPropertyItems;
            return ExifShot.From(items.Select(p => new ExifEntry(p.Path.Section.ToString(), p.Path.TagID, (int)p.Value.Type, p.Value.Data.ToArray())));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    public static (IPixelSource Source, SelectionInfo Selection) Inputs(IBitmapEffectEnvironment environment)
    {
        var source = new HostPixelSource(environment.GetSourceBitmapBgra32());
        var selection = environment.Selection;
        return (source, new SelectionInfo(FromHost(selection.RenderBounds), new HostMaskSource(selection.MaskBitmap)));
    }

    /// <summary>
    /// The run for a new token: none without a token, the current one when it already serves these settings on this
    /// selection (Paint.NET sets the same token again when the dialog closes), else a new one. Settings that cannot be
    /// read make a run that reports why on the first render instead of throwing into Paint.NET.
    /// </summary>
    public static EffectRun? NextRun<TSettings>(
        EffectRun? current,
        PropertyBasedEffectConfigToken? token,
        IBitmapEffectEnvironment environment,
        Func<PropertyBasedEffectConfigToken, TSettings> read,
        Func<TSettings, IPixelSource, SelectionInfo, EffectRun> create)
        where TSettings : notnull
    {
        if (token is null)
        {
            return null;
        }

        var (source, selection) = Inputs(environment);
        TSettings settings;
        try
        {
            settings = read(token);
        }
        catch (EffectException e)
        {
            return EffectRun.Failed(e, source, selection);
        }

        return current is not null && current.Serves(settings, selection) ? current : create(settings, source, selection);
    }

    /// <summary>
    /// Fills one host tile. Cancellation returns quietly (the host discards the run). A failure is shown once in plain
    /// words with Paint.NET's error dialog and the tile keeps the source pixels — never a blank tile; without that
    /// dialog service the exception goes to Paint.NET instead. After success the run is reported once (GPU fallback
    /// notice, clipboard copy, PNG).
    /// </summary>
    public static unsafe void Render(EffectRun? run, IBitmapEffectOutput output, CancellationToken cancel, IServiceProvider services)
    {
        if (run is null)
        {
            throw new EffectException("The effect has no settings yet (Paint.NET did not pass a token).");
        }

        var bounds = output.Bounds;
        if (bounds.Width <= 0 || bounds.Height <= 0)
        {
            return;
        }

        using var lk = output.LockBgra32();
        int stride = lk.BufferStride;
        var span = new Span<byte>(lk.Buffer, checked((stride * (bounds.Height - 1)) + (bounds.Width * 4)));
        var host = new PdnEffectHost(services);
        try
        {
            PluginModels.Rates.WaitForMeasurements(cancel); // the dialog's CPU measurement first: sharing the cores would skew it
            run.RenderTile(FromHost(bounds), span, stride, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return;
        }
        catch (EffectException e) when (host.CanShowErrors)
        {
            if (PluginModels.Feedback.Claim(run))
            {
                host.OnUiThread(() => host.ShowError(e));
            }

            run.CopySource(FromHost(bounds), span, stride);
            return;
        }

        if (PluginModels.Feedback.Claim(run))
        {
            host.OnUiThread(() => PluginModels.Feedback.Deliver(run, host));
        }
    }
}
