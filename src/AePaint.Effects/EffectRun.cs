using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Inference.Fallback;

namespace AePaint.Effects;

/// <summary>
/// One application of an effect with one set of settings (the host makes a new one for every token).
/// <para>Per-tile mode (<see cref="RendersPerTile"/>, what the plugin uses): the engine plans its windows once over
/// the whole context (<see cref="TiledRunner.Windows"/>, the same plan and σ as one <see cref="TiledRunner.Run"/>);
/// a render tile runs only the windows it needs that no thread has run yet, waits for those another render thread
/// is running, and is blended out of them — so the host's bar moves and its cancel acts per render tile while the
/// model does a one-pass run's work, and the picture equals it. Running the engine on each ~128 px render tile plus
/// the model's margin instead read 2.7–2.9× the pixels of one pass (the engine adds its context around that margin
/// again). Otherwise (the clipboard mode, tests) the whole
/// context is computed once on the first render call, with the engine's progress forwarded to a callback.</para>
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
    private Bgra8Image? _input;
    private FallbackRun? _fallback;
    private TileWindows? _windows;
    private ModelSession? _windowsSession;
    private int _windowsTile;
    private RunGeometry? _geometry;
    private bool _prepared;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Rect, Bgra8Image> _rendered = new();
    private readonly SelectionBlend _blend;
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
        _blend = new SelectionBlend(source, Layer);
    }

    public ModelTask Task => _task;

    /// <summary>True when the host applies the selection mask to what this run renders (then the run does not).</summary>
    public bool HostMasksSelection { get; private init; }

    /// <summary>
    /// True when each render tile runs the engine's windows it needs that have not run yet (so the host's progress
    /// moves and cancel acts per tile) and is blended out of them; the session, the context pixels, the window plan
    /// and an automatic σ are prepared once for the whole area. The clipboard mode always computes the whole result once.
    /// </summary>
    public bool RendersPerTile { get; private init; }

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
    public Rect Context => _geometry?.Context ?? default;

    /// <summary>Layer pixels this run changes (known after <see cref="Compute"/>); the rest is copied from the source.</summary>
    public Rect Changed => _geometry?.Changed ?? default;

    public int Scale => _geometry?.Scale ?? 1;

    /// <summary>The ×s result of the selection for the clipboard (Clipboard mode, after <see cref="Compute"/>).</summary>
    public Bgra8Image? FullSizeResult { get; private set; }

    public RunReport? Report { get; private set; }

    /// <summary>Per-tile mode: pixels the model has read so far, every window with its context (0 before the first render).</summary>
    public long PixelsRead
    {
        get
        {
            lock (_gate)
            {
                return _windows?.PixelsRead ?? 0;
            }
        }
    }

    /// <summary>What the Auto model entry chose and why (known after <see cref="Compute"/>; null when a model was named).</summary>
    public AePaint.Inference.Embedding.AutoPick? AutoChoice { get; private set; }

    /// <summary>The host's fallback policy (GPU → smaller tiles → CPU); one per host.</summary>
    public FallbackPolicy Policy { get; init; } = FallbackPolicy.Default;

    /// <summary>
    /// After a model run: the graphics card was asked for and the CPU was used (and why), or which graphics card ran it.
    /// Tell the user once.
    /// </summary>
    public string? Notice => Report is null || _fallback is null ? null : RunNotices.Notice(_fallback, Policy);

    /// <summary>What goes with <see cref="Notice"/> under "details": the engine's report and every fallback step.</summary>
    public string NoticeDetails => RunNotices.Details(_fallback, Report);

    /// <summary>True once the whole result is ready (volatile: render threads read it without the lock); per-tile runs compute per tile instead.</summary>
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
    /// <param name="hostMasksSelection">The host blends the result through the selection mask itself (Paint.NET with selection clipping on): do not blend twice.</param>
    /// <param name="perTile">See <see cref="RendersPerTile"/>.</param>
    public static EffectRun Denoise(DenoiseSettings s, IPixelSource source, SelectionInfo selection, ModelSessionCache sessions, Action<double>? progress = null, IReadOnlyList<CatalogEntry>? installed = null, AePaint.Inference.Embedding.ShotInfo? shot = null, bool hostMasksSelection = false, bool perTile = false) =>
        new(ModelTask.Denoise, s.ModelPath, s.Device, s.ToRunSettings(), SuperResolutionOutput.EnhanceInPlace, source, selection, sessions, progress, installed) { Settings = s, Shot = shot, HostMasksSelection = hostMasksSelection, RendersPerTile = perTile };

    public static EffectRun SuperResolution(SuperResolutionSettings s, IPixelSource source, SelectionInfo selection, ModelSessionCache sessions, Action<double>? progress = null, IReadOnlyList<CatalogEntry>? installed = null, AePaint.Inference.Embedding.ShotInfo? shot = null, bool perTile = false) =>
        new(ModelTask.SuperResolution, s.ModelPath, s.Device, s.ToRunSettings(), s.Output, source, selection, sessions, progress, installed) { Settings = s, Shot = shot, RendersPerTile = perTile && s.Output != SuperResolutionOutput.Clipboard };

    /// <summary>A run that only reports <paramref name="error"/> (e.g. settings the host passed could not be read); tiles keep the source.</summary>
    public static EffectRun Failed(EffectException error, IPixelSource source, SelectionInfo selection) =>
        new(ModelTask.Denoise, null, ExecutionDevice.Cpu, new RunSettings(), SuperResolutionOutput.EnhanceInPlace, source, selection, new ModelSessionCache(), null, null) { _error = error };

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
            try
            {
                ComputeCore(cancel);
                IsComputed = true;
                ReportProgress(1.0);
            }
            catch (Exception e) when (Fail(e, cancel))
            {
                throw _error!;
            }
        }
    }

    /// <summary>
    /// Fills one render tile (layer coordinates) in <paramref name="dest"/> (BGRA rows <paramref name="destStride"/>
    /// bytes apart): source pixels, with the result blended in where this run changes the layer.
    /// </summary>
    public void RenderTile(Rect tile, Span<byte> dest, int destStride, CancellationToken cancel = default)
    {
        if (!RendersPerTile)
        {
            Compute(cancel);
        }
        else
        {
            Prepare(cancel);
        }

        if (!_blend.ReadSource(ref tile, ref dest, destStride))
        {
            return;
        }

        var area = SelectionBlend.ResultArea(tile, dest, destStride, Changed, SplitView);
        if (area.IsEmpty)
        {
            return;
        }

        if (!RendersPerTile)
        {
            if (_result != null)
            {
                _blend.Blend(dest, destStride, tile, area, _result, Changed, _geometry!);
            }

            return;
        }

        Bgra8Image? result;
        try
        {
            // Kept, so the host's next render of the same settings (the dialog's OK) copies instead of running again.
            if (!_rendered.TryGetValue(area, out result))
            {
                result = _rendered.GetOrAdd(area, RenderArea(area, cancel));
            }
        }
        catch (Exception e) when (Fail(e, cancel))
        {
            throw _error!;
        }

        _blend.Blend(dest, destStride, tile, area, result, area, _geometry!);
    }

    /// <summary>
    /// Fills a render tile with the unchanged source pixels: what a host shows after a failure it has reported,
    /// so a tile is never left blank.
    /// </summary>
    public void CopySource(Rect tile, Span<byte> dest, int destStride) => _blend.ReadSource(ref tile, ref dest, destStride);

    /// <summary>Per-tile mode: the model, the context pixels, the mask and σ, once (thread-safe; failures are kept like <see cref="Compute"/>'s).</summary>
    private void Prepare(CancellationToken cancel)
    {
        if (Volatile.Read(ref _prepared))
        {
            return;
        }

        lock (_gate)
        {
            if (_error != null)
            {
                throw _error;
            }

            if (_prepared)
            {
                return;
            }

            cancel.ThrowIfCancellationRequested();
            try
            {
                PrepareCore(cancel);
                Volatile.Write(ref _prepared, true);
            }
            catch (Exception e) when (Fail(e, cancel))
            {
                throw _error!;
            }
        }
    }

    /// <summary>False for the host's cancellation (nothing is kept); else keeps the failure in plain words for every later tile.</summary>
    private bool Fail(Exception e, CancellationToken cancel)
    {
        if (e is OperationCanceledException && cancel.IsCancellationRequested)
        {
            return false;
        }

        lock (_gate)
        {
            _error ??= EffectErrors.Describe(e, _fallback?.OpenedSession?.FallbackReason, Context.IsEmpty ? Selection : Context);
        }

        return true;
    }

    private void PrepareCore(CancellationToken cancel)
    {
        if (_modelPath is null)
        {
            throw new EffectException(ModelChoices.NoneInstalled(_task, ModelCatalog.Default(Path.GetDirectoryName(typeof(EffectRun).Assembly.Location)).Folders));
        }

        if (Selection.IsEmpty)
        {
            throw new EffectException("The selection is empty or outside the layer; nothing to process.");
        }

        var path = _modelPath;
        if (AutoModel.TryParse(_modelPath, out var autoTask, out var autoScale))
        {
            AutoChoice = AutoModel.Choose(autoTask, autoScale, _installed, _source, Selection, _sessions, cancel, Shot);
            path = AutoChoice.Path;
        }

        _fallback = new FallbackRun(Policy, _device, _runSettings.TileSize, device => _sessions.Get(path, device));
        var card = _fallback.Session.Card;
        if (card.Task != _task)
        {
            throw new EffectException($"The model \"{card.Name}\" is a {card.Task} model; this effect needs a {_task} model.");
        }

        _geometry = RunGeometry.For(_task, Output, Layer, Selection, card);
        if (OutputLimit.Problem(Context, Scale) is { } tooLarge)
        {
            throw new EffectException(tooLarge);
        }

        _input = new Bgra8Image(Context.Width, Context.Height);
        _source.Read(Context, _input.Data, _input.Stride);
        _blend.ReadMask(_maskSource, Selection, HostMasksSelection, Output);
    }

    private void ComputeCore(CancellationToken cancel)
    {
        PrepareCore(cancel);
        double share = _task == ModelTask.SuperResolution && Output == SuperResolutionOutput.EnhanceInPlace ? 0.9 : 1.0;
        var output = RunModel(_input!, _runSettings, p => ReportProgress(share * p.Done / Math.Max(1, p.Total)), cancel);
        cancel.ThrowIfCancellationRequested();

        (_result, var fullSize) = _geometry!.WholeResult(output);
        FullSizeResult = fullSize;
    }

    /// <summary>Per-tile mode: the result for <paramref name="area"/> (layer coordinates, inside <see cref="Changed"/>), blended out of the windows of the whole context's run.</summary>
    private Bgra8Image RenderArea(Rect area, CancellationToken cancel)
    {
        var (region, drawn) = _geometry!.OutputFor(area);
        var part = _fallback!.Run((session, tile) => WindowsFor(session, tile).Render(Tuple(region), cancel, Tuple(drawn)), cancel);
        return _geometry.AreaResult(part, area);
    }

    /// <summary>The windows of the fallback policy's current attempt: planned once; a step to smaller tiles or another device plans anew.</summary>
    private TileWindows WindowsFor(ModelSession session, int tile)
    {
        lock (_gate)
        {
            if (_windows is null || _windowsSession != session || _windowsTile != tile)
            {
                _windows = TiledRunner.Windows(session, _input!, _runSettings with { TileSize = tile }, Tuple(_geometry!.OutputFor(Changed).Drawn), p => ReportProgress((double)p.Done / p.Total));
                (_windowsSession, _windowsTile) = (session, tile);
                Report = _windows.Report;
            }

            return _windows;
        }
    }

    private static (int X, int Y, int Width, int Height) Tuple(Rect r) => (r.X, r.Y, r.Width, r.Height);

    /// <summary>The model over <paramref name="input"/>, through the fallback policy's attempts (smaller tiles, then the CPU).</summary>
    private Bgra8Image RunModel(Bgra8Image input, RunSettings settings, Action<TileProgress>? progress, CancellationToken cancel)
    {
        var (output, report) = _fallback!.Run(input, settings, progress, cancel);
        lock (_gate)
        {
            Report ??= report;
        }

        return output;
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
