using AePaint.Imaging;
using AePaint.Imaging.Resize;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>
/// One application of an effect with one set of settings (the host makes a new one for every token).
/// <para>Progress/cancel pattern: the whole context region is computed once, on the first render call
/// (every other render thread waits for it), with the engine's per-model-tile progress forwarded to a
/// callback and cancellation through the host's token, which the engine checks between model tiles; after
/// that every render tile is a copy/blend out of the cached result. Chosen over per-render-tile inference
/// because Paint.NET's ~128 px render tiles would each need the model's context margin again (several times
/// the work for a 32 px receptive field), an automatic σ must be estimated once for the whole area (per-tile
/// estimates show seams), and the clipboard and enhance modes need the whole result anyway. Cost: the host's
/// own bar advances only after the computation; the callback is where a dialog shows real progress.</para>
/// </summary>
public sealed class EffectRun
{
    private readonly object _gate = new();
    private readonly IPixelSource _source;
    private readonly ModelSessionCache _sessions;
    private readonly string? _modelPath;
    private readonly ModelTask _task;
    private readonly ExecutionDevice _device;
    private readonly RunSettings _runSettings;
    private readonly IMaskSource? _maskSource;
    private readonly Action<double>? _progress;
    private readonly IReadOnlyList<CatalogEntry> _installed;
    private double _lastProgress;
    private Bgra8Image? _result;
    private byte[]? _mask;
    private EffectException? _error;
    private bool _computed;
    private bool _splitView;

    private EffectRun(ModelTask task, string? modelPath, ExecutionDevice device, RunSettings runSettings, SuperResolutionOutput output,
        IPixelSource source, SelectionInfo selection, ModelSessionCache sessions, Action<double>? progress, IReadOnlyList<CatalogEntry>? installed)
    {
        _installed = installed ?? [];
        _task = task;
        _modelPath = string.IsNullOrEmpty(modelPath) ? null : modelPath;
        _device = device;
        _runSettings = runSettings;
        Output = output;
        _source = source;
        _sessions = sessions;
        _progress = progress;
        Layer = new Rect(0, 0, source.Width, source.Height);
        Selection = selection.Bounds.Intersect(Layer);
        _maskSource = selection.Mask;
    }

    public ModelTask Task => _task;

    /// <summary>The dialog settings this run was made from (DenoiseSettings or SuperResolutionSettings).</summary>
    public object? Settings { get; private init; }

    /// <summary>
    /// True when this run can serve <paramref name="settings"/> on the same layer and selection: the host sets the
    /// same token again (e.g. when the dialog closes) and the finished result is reused instead of recomputed.
    /// </summary>
    public bool Serves(object settings, SelectionInfo selection) =>
        _error is null && Equals(Settings, settings) && selection.Bounds.Intersect(Layer) == Selection && (selection.Mask is null) == (_maskSource is null);

    public SuperResolutionOutput Output { get; }

    public Rect Layer { get; }

    /// <summary>Selection bounds clipped to the layer.</summary>
    public Rect Selection { get; }

    /// <summary>What the model read (known after <see cref="Compute"/>).</summary>
    public Rect Context { get; private set; }

    /// <summary>Layer pixels this run changes (known after <see cref="Compute"/>); the rest is copied from the source.</summary>
    public Rect Changed { get; private set; }

    public int Scale { get; private set; } = 1;

    /// <summary>The ×s result of the selection for the clipboard (Clipboard mode, after <see cref="Compute"/>).</summary>
    public Bgra8Image? FullSizeResult { get; private set; }

    public RunReport? Report { get; private set; }

    /// <summary>What the Auto model entry chose and why (known after <see cref="Compute"/>; null when a model was named).</summary>
    public AePaint.Inference.Embedding.AutoPick? AutoChoice { get; private set; }

    /// <summary>Set when the GPU was asked for and the CPU was used: tell the user once.</summary>
    public string? Notice { get; private set; }

    /// <summary>True once the result is ready (volatile: render threads read it without the lock).</summary>
    public bool IsComputed
    {
        get => Volatile.Read(ref _computed);
        private set => Volatile.Write(ref _computed, value);
    }

    /// <summary>
    /// Show the original left and the result right of a divider (<see cref="SplitPreview"/>). Not part of the settings a
    /// run serves: switching it only changes how the cached result is drawn.
    /// </summary>
    public bool SplitView
    {
        get => Volatile.Read(ref _splitView);
        set => Volatile.Write(ref _splitView, value);
    }

    /// <summary>The document's EXIF camera and ISO when the host can tell (Auto preselects a model trained on that camera's noise).</summary>
    public AePaint.Inference.Embedding.ShotInfo? Shot { get; private init; }

    /// <param name="installed">The models listed for the dialog: what an Auto model entry chooses from.</param>
    /// <param name="shot">The document's camera and ISO, if known.</param>
    public static EffectRun Denoise(DenoiseSettings s, IPixelSource source, SelectionInfo selection, ModelSessionCache sessions, Action<double>? progress = null, IReadOnlyList<CatalogEntry>? installed = null, AePaint.Inference.Embedding.ShotInfo? shot = null) =>
        new(ModelTask.Denoise, s.ModelPath, s.Device, s.ToRunSettings(), SuperResolutionOutput.EnhanceInPlace, source, selection, sessions, progress, installed) { Settings = s, Shot = shot };

    public static EffectRun SuperResolution(SuperResolutionSettings s, IPixelSource source, SelectionInfo selection, ModelSessionCache sessions, Action<double>? progress = null, IReadOnlyList<CatalogEntry>? installed = null, AePaint.Inference.Embedding.ShotInfo? shot = null) =>
        new(ModelTask.SuperResolution, s.ModelPath, s.Device, s.ToRunSettings(), s.Output, source, selection, sessions, progress, installed) { Settings = s, Shot = shot };

    /// <summary>
    /// Runs the model over the context once (thread-safe; later calls return at once or rethrow the same
    /// <see cref="EffectException"/>). Cancellation throws <see cref="OperationCanceledException"/> and caches nothing.
    /// </summary>
    public void Compute(CancellationToken cancel = default)
    {
        if (IsComputed)
        {
            return;
        }

        lock (_gate)
        {
            if (IsComputed)
            {
                return;
            }

            if (_error != null)
            {
                throw _error;
            }

            cancel.ThrowIfCancellationRequested();
            ModelSession? session = null;
            try
            {
                ComputeCore(cancel, out session);
                IsComputed = true;
                ReportProgress(1.0);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                _error = EffectErrors.Describe(e, session?.FallbackReason, Context.IsEmpty ? Selection : Context);
                throw _error;
            }
        }
    }

    /// <summary>
    /// Fills one render tile (layer coordinates) in <paramref name="dest"/> (BGRA rows <paramref name="destStride"/>
    /// bytes apart): source pixels, with the result blended in where this run changes the layer.
    /// </summary>
    public void RenderTile(Rect tile, Span<byte> dest, int destStride, CancellationToken cancel = default)
    {
        Compute(cancel);
        if (!ReadSource(ref tile, ref dest, destStride))
        {
            return;
        }

        var area = tile.Intersect(Changed);
        if (SplitView && !area.IsEmpty)
        {
            SplitPreview.DrawDivider(tile, dest, destStride, Changed);
            area = SplitPreview.ResultPart(area, Changed);
        }

        if (area.IsEmpty || _result is null)
        {
            return;
        }

        var res = _result.Data;
        int resStride = _result.Stride;
        bool masked = Output != SuperResolutionOutput.IntoCanvas && _mask != null;
        for (int y = area.Y; y < area.Bottom; y++)
        {
            var d = dest.Slice(((y - tile.Y) * destStride) + ((area.X - tile.X) * 4), area.Width * 4);
            int ry = y - Changed.Y;
            var r = res.AsSpan((ry * resStride) + ((area.X - Changed.X) * 4), area.Width * 4);
            if (!masked)
            {
                r.CopyTo(d);
                continue;
            }

            int mrow = (y - Selection.Y) * Selection.Width;
            for (int x = 0; x < area.Width; x++)
            {
                int m = _mask![mrow + (area.X - Selection.X) + x];
                if (m == 0)
                {
                    continue;
                }

                int o = x * 4;
                if (m == 255)
                {
                    r.Slice(o, 4).CopyTo(d.Slice(o, 4));
                    continue;
                }

                for (int c = 0; c < 4; c++)
                {
                    d[o + c] = (byte)(((d[o + c] * (255 - m)) + (r[o + c] * m) + 127) / 255);
                }
            }
        }
    }

    /// <summary>
    /// Fills a render tile with the unchanged source pixels: what a host shows after a failure it has reported,
    /// so a tile is never left blank.
    /// </summary>
    public void CopySource(Rect tile, Span<byte> dest, int destStride) => ReadSource(ref tile, ref dest, destStride);

    /// <summary>Clips <paramref name="tile"/> to the layer (moving <paramref name="dest"/> along) and copies the source there.</summary>
    private bool ReadSource(ref Rect tile, ref Span<byte> dest, int destStride)
    {
        var origin = tile;
        tile = tile.Intersect(Layer);
        if (tile.IsEmpty)
        {
            return false;
        }

        if (tile != origin)
        {
            dest = dest.Slice(((tile.Y - origin.Y) * destStride) + ((tile.X - origin.X) * 4));
        }

        _source.Read(tile, dest, destStride);
        return true;
    }

    private void ComputeCore(CancellationToken cancel, out ModelSession? session)
    {
        session = null;
        if (_modelPath is null)
        {
            throw new EffectException(ModelChoices.NoneInstalled(_task, ModelCatalog.Default(Path.GetDirectoryName(typeof(EffectRun).Assembly.Location)).Folders));
        }

        if (Selection.IsEmpty)
        {
            throw new EffectException("The selection is empty or outside the layer; nothing to process.");
        }

        var modelPath = _modelPath;
        if (AutoModel.TryParse(modelPath, out var autoTask, out var autoScale))
        {
            AutoChoice = AutoModel.Choose(autoTask, autoScale, _installed, _source, Selection, _sessions, cancel, Shot);
            modelPath = AutoChoice.Path;
        }

        session = _sessions.Get(modelPath, _device);
        var card = session.Card;
        if (card.Task != _task)
        {
            throw new EffectException($"The model \"{card.Name}\" is a {card.Task} model; this effect needs a {_task} model.");
        }

        Scale = card.Scale;
        Context = Geometry.Context(Selection, Layer.Width, Layer.Height, Geometry.Margin(card));
        var input = new Bgra8Image(Context.Width, Context.Height);
        _source.Read(Context, input.Data, input.Stride);
        if (_maskSource != null && Output != SuperResolutionOutput.IntoCanvas && Output != SuperResolutionOutput.Clipboard)
        {
            _mask = new byte[Selection.Area];
            _maskSource.Read(Selection, _mask);
        }

        double share = _task == ModelTask.SuperResolution && Output == SuperResolutionOutput.EnhanceInPlace ? 0.9 : 1.0;
        Action<TileProgress> progress = p => ReportProgress(share * p.Done / Math.Max(1, p.Total));
        Bgra8Image output;
        try
        {
            (output, Report) = TiledRunner.Run(session, input, _runSettings, progress, cancel);
            Notice = EffectErrors.FallbackNotice(_device, session.Provider, session.FallbackReason, ExecutionDevices.DirectMLBuild);
        }
        catch (Exception e) when (EffectErrors.CpuMayHelp(e, session.Provider) && !cancel.IsCancellationRequested)
        {
            // Even the smallest tiles did not fit in the graphics card's memory; the PC's memory is usually larger.
            session = _sessions.Get(modelPath, ExecutionDevice.Cpu);
            (output, Report) = TiledRunner.Run(session, input, _runSettings, progress, cancel);
            Notice = "The graphics card ran out of memory, so AePaint finished on the CPU (slower). Smaller tiles, a smaller selection or Device = CPU avoid the GPU attempt.";
        }

        cancel.ThrowIfCancellationRequested();

        if (_task == ModelTask.Denoise)
        {
            _result = Crop(output, Geometry.SelectionInOutput(Selection, Context, 1));
            Changed = Selection;
            return;
        }

        var inOutput = Geometry.SelectionInOutput(Selection, Context, Scale);
        switch (Output)
        {
            case SuperResolutionOutput.IntoCanvas:
                var placed = Geometry.UpscaledPlacement(Selection, Scale);
                Changed = placed.Intersect(Layer);
                _result = Crop(output, new Rect(inOutput.X, inOutput.Y, Changed.Width, Changed.Height));
                break;
            case SuperResolutionOutput.Clipboard:
                FullSizeResult = Crop(output, inOutput);
                Changed = default;
                break;
            default:
                var back = ResizeBack(output, Context.Width, Context.Height);
                _result = Crop(back, Geometry.SelectionInOutput(Selection, Context, 1));
                Changed = Selection;
                break;
        }
    }

    /// <summary>MATLAB bicubic (uint8 semantics, antialiased) of all four channels back to the original size.</summary>
    public static Bgra8Image ResizeBack(Bgra8Image big, int width, int height)
    {
        var planar = new PlanarImage(4, big.Width, big.Height);
        int plane = planar.PlaneSize;
        var d = big.Data;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                planar.Data[(c * plane) + i] = d[(i * 4) + c];
            }
        }

        var small = MatlabBicubic.ResizeUint8Like(planar, width, height);
        var result = new Bgra8Image(width, height);
        int sp = small.PlaneSize;
        for (int i = 0; i < sp; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                result.Data[(i * 4) + c] = (byte)Math.Clamp(small.Data[(c * sp) + i], 0f, 255f);
            }
        }

        return result;
    }

    public static Bgra8Image Crop(Bgra8Image src, Rect r)
    {
        if (r == new Rect(0, 0, src.Width, src.Height))
        {
            return src; // whole layer selected: no second copy of a large image
        }

        var dst = new Bgra8Image(r.Width, r.Height);
        for (int y = 0; y < r.Height; y++)
        {
            src.Data.AsSpan(((r.Y + y) * src.Stride) + (r.X * 4), r.Width * 4).CopyTo(dst.Row(y));
        }

        return dst;
    }

    private void ReportProgress(double fraction)
    {
        // Monotonic even when the engine restarts with smaller tiles after running out of memory.
        if (fraction > _lastProgress)
        {
            _lastProgress = fraction;
            _progress?.Invoke(fraction);
        }
    }
}
