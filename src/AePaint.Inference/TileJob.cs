using System.Numerics;
using AePaint.Imaging;
using AePaint.Imaging.Tiling;
using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>One pass of <see cref="TiledRunner"/> at one tile size: plan, run tiles row by row, blend, finalise.</summary>
internal sealed class TileJob
{
    private readonly ModelCard _card;
    private readonly Bgra8Image _input;
    private readonly PlanarImage? _floatColour;
    private readonly float? _sigma;
    private readonly int _scale;
    private readonly AxisPlan _planX;
    private readonly AxisPlan _planY;
    private readonly int _windowW;
    private readonly int _windowH;
    private readonly bool _hasAlpha;
    private readonly bool _linear;
    private readonly int _outW;
    private readonly int _outH;
    private float[][]? _acc;
    private readonly int _accRows;
    private readonly AlphaUpscaler? _alpha;
    private readonly CoarseFillMap? _coarseFill;
    private readonly float[][] _weightsX;
    private readonly int[] _touchedX;
    private readonly int[] _touchedY;
    private readonly IReadOnlyList<ITileModel> _lanes;
    private readonly object _order = new();
    private float[][]? _row;
    private int _accStart;
    private int _next;
    private int _accumulated;
    private Exception? _failure;

    /// <param name="floatColour">When given, the colour the model reads (same size as <paramref name="input"/>, opaque),
    /// instead of the 8-bit pixels: unclipped float input for the published evaluation protocols.</param>
    public TileJob(ITileModel model, Bgra8Image input, RunSettings settings, int tileSize, float? sigma, PlanarImage? floatColour = null)
    {
        _card = model.Card;
        _input = input;
        _floatColour = floatColour;
        _sigma = sigma;
        _scale = _card.Scale;
        _linear = _card.ColorSpace == "linear";
        (_planX, _planY) = Plan(model, input.Width, input.Height, settings, tileSize);
        _windowW = FitFixed(_planX.WindowSize, model.FixedWidth, "width");
        _windowH = FitFixed(_planY.WindowSize, model.FixedHeight, "height");
        _hasAlpha = input.HasTransparency();
        _outW = input.Width * _scale;
        _outH = input.Height * _scale;
        _accRows = (_planY.LongestCore + _planY.Feather) * _scale;
        if (_hasAlpha)
        {
            _coarseFill = TransparentFill.CoarseMap(input, linear: _linear);
        }

        if (_hasAlpha && _scale > 1)
        {
            _alpha = new AlphaUpscaler(input, _scale);
        }

        _weightsX = new float[_planX.Tiles.Count][];
        for (int tx = 0; tx < _weightsX.Length; tx++)
        {
            var sx = _planX.Tiles[tx];
            _weightsX[tx] = new float[(sx.KeepEnd - sx.KeepStart) * _scale];
            for (int q = 0; q < _weightsX[tx].Length; q++)
            {
                _weightsX[tx][q] = _planX.Weight(tx, (sx.KeepStart * _scale) + q, _scale);
            }
        }

        _touchedX = Touched(_planX, _scale);
        _touchedY = Touched(_planY, _scale);
        _lanes = model.SideBySide(CpuTuning.TilesSideBySide(TileCount, settings.SideBySide, (long)_windowW * _windowH * _scale * _scale, (long)_outW * _outH));
    }

    /// <summary>The windows of a <paramref name="width"/>×<paramref name="height"/> image at <paramref name="tileSize"/>.</summary>
    public static (AxisPlan X, AxisPlan Y) Plan(ITileModel model, int width, int height, RunSettings settings, int tileSize)
    {
        var card = model.Card;
        int overlap = settings.Overlap ?? card.EffectiveOverlap;
        int feather = settings.Feather ?? (overlap / 2);
        int m = card.MultipleOf;
        if (model.FixedWidth is null && model.FixedHeight is null)
        {
            return TilePlanner.Plan(width, height, tileSize, overlap, feather, m, CpuTuning.PlannedLanes);
        }

        return (TilePlanner.PlanAxis(width, model.FixedWidth ?? tileSize, overlap, feather, m),
                TilePlanner.PlanAxis(height, model.FixedHeight ?? tileSize, overlap, feather, m));
    }

    /// <summary>Pixels the model reads: every window, context included.</summary>
    public long WindowPixels => (long)TileCount * _windowW * _windowH;

    /// <summary>How many windows run at once.</summary>
    public int Lanes => _lanes.Count;

    public int TileCount => _planX.Tiles.Count * _planY.Tiles.Count;

    public int OutputWidth => _outW;

    public int OutputHeight => _outH;

    internal int Scale => _scale;

    internal AxisPlan PlanX => _planX;

    internal AxisPlan PlanY => _planY;

    internal IReadOnlyList<ITileModel> LaneModels => _lanes;

    // Per tile, the output coordinate below which an earlier tile along the axis has kept output (the furthest kept end
    // before it): Accumulate adds there and writes beyond it, where the planes hold nothing of this run yet.
    private static int[] Touched(AxisPlan plan, int scale)
    {
        var touched = new int[plan.Tiles.Count];
        int end = int.MinValue;
        for (int k = 0; k < touched.Length; k++)
        {
            touched[k] = end;
            end = Math.Max(end, plan.Tiles[k].KeepEnd * scale);
        }

        return touched;
    }

    /// <summary>Zeroed planes for <paramref name="rows"/> output rows of <paramref name="width"/> pixels (allocated per run, not per window).</summary>
    internal float[][] Accumulator(int rows, int width)
    {
        var acc = new float[_card.OutputChannels][];
        for (int c = 0; c < acc.Length; c++)
        {
            acc[c] = new float[(long)rows * width];
        }

        return acc;
    }

    /// <summary>
    /// Runs every tile, handing each finished output row to <paramref name="sink"/> in order. With several lanes the
    /// models run side by side, but tiles are blended into the accumulator strictly in plan order (the same float
    /// additions as one lane), so the output does not depend on the lane count or on which lane finished first.
    /// </summary>
    public void Execute(IRowSink sink, Action<TileProgress>? progress, CancellationToken cancel)
    {
        // Never zeroed: Accumulate writes every value before any is added to or read (see Touched).
        _acc = new float[_card.OutputChannels][];
        for (int c = 0; c < _acc.Length; c++)
        {
            _acc[c] = GC.AllocateUninitializedArray<float>(_accRows * _outW);
        }

        if (_lanes.Count == 1)
        {
            Work(0, sink, progress, cancel);
            return;
        }

        var others = Enumerable.Range(1, _lanes.Count - 1)
            .Select(lane => Task.Factory.StartNew(() => Work(lane, sink, progress, cancel), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Work(0, sink, progress, cancel); // with several lanes, Work records failures instead of throwing
        Task.WaitAll(others);
        if (_failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    // One lane: take the next tile in plan order, run its window, then wait for its turn to blend it.
    private void Work(int lane, IRowSink sink, Action<TileProgress>? progress, CancellationToken cancel)
    {
        var buffers = new TileBuffers();
        int columns = _planX.Tiles.Count;
        try
        {
            int i;
            while ((i = Interlocked.Increment(ref _next) - 1) < TileCount && Volatile.Read(ref _failure) is null)
            {
                cancel.ThrowIfCancellationRequested();
                int tx = i % columns, ty = i / columns;
                var result = RunWindow(_lanes[lane], buffers, tx, ty);
                lock (_order)
                {
                    while (_accumulated != i && _failure is null)
                    {
                        Monitor.Wait(_order);
                    }

                    if (_failure != null)
                    {
                        return;
                    }

                    cancel.ThrowIfCancellationRequested(); // a window that finished after the cancel is not blended or reported
                    bool last = ty == _planY.Tiles.Count - 1;
                    int end = last ? _outH : _planY.Tiles[ty + 1].KeepStart * _scale;
                    int own = Math.Max(_touchedY[ty], _planY.Tiles[ty].KeepStart * _scale);
                    if (columns == 1 && own <= end)
                    {
                        progress?.Invoke(new TileProgress(i + 1, TileCount));
                        Stream(sink, result, ty, own, end);
                    }
                    else
                    {
                        Accumulate(result, tx, ty, _acc!, 0, _accStart, _outW, _outH);
                        progress?.Invoke(new TileProgress(i + 1, TileCount));
                        if (tx == columns - 1)
                        {
                            Finalise(sink, end);
                        }
                    }

                    _accumulated++;
                    Monitor.PulseAll(_order);
                }
            }
        }
        catch (Exception e) when (_lanes.Count > 1)
        {
            Fail(e);
        }
    }

    // The first failure wins (later lanes see it and stop); waiting lanes are woken to leave.
    private void Fail(Exception e)
    {
        lock (_order)
        {
            _failure ??= e;
            Monitor.PulseAll(_order);
        }
    }

    private static int FitFixed(int planned, int? fixedSize, string axis)
    {
        if (fixedSize is { } f && planned > f)
        {
            throw new InvalidOperationException($"The model's fixed input {axis} {f} is too small for its own overlap (needs {planned}).");
        }

        return fixedSize ?? planned;
    }

    internal PlanarImage RunWindow(ITileModel model, TileBuffers buffers, int tx, int ty)
    {
        var sx = _planX.Tiles[tx];
        var sy = _planY.Tiles[ty];
        int cin = _card.InputChannels;
        var colour = buffers.Colour ??= new PlanarImage(cin, _windowW, _windowH);
        var alpha = _hasAlpha ? buffers.Alpha ??= new float[colour.PlaneSize] : null;
        if (_floatColour != null)
        {
            PixelConversion.ReadWindow(_floatColour, sx.WindowStart, sy.WindowStart, colour, _linear);
        }
        else
        {
            PixelConversion.ReadWindow(_input, sx.WindowStart, sy.WindowStart, colour, alpha, _linear);
        }

        if (alpha != null)
        {
            TransparentFill.Fill(colour, alpha, _coarseFill, sx.WindowStart, sy.WindowStart);
        }

        var window = buffers.Window ??= new PlanarImage(_card.GraphInputChannels, _windowW, _windowH);
        WindowInput.Write(_card, colour, window, _sigma);
        var result = buffers.Result = model.Run(window, buffers.Result);
        if (result.Channels != _card.OutputChannels || result.Width != _windowW * _scale || result.Height != _windowH * _scale)
        {
            throw new InvalidOperationException($"Model '{_card.Name}' returned {result.Channels}×{result.Width}×{result.Height} for a {_windowW}×{_windowH} window; its card promises {_card.OutputChannels} channels at ×{_scale}.");
        }

        return result;
    }

    /// <summary>
    /// Adds window (<paramref name="tx"/>, <paramref name="ty"/>)'s weighted output to <paramref name="planes"/>, which
    /// hold output columns from <paramref name="left"/> (<paramref name="width"/> wide) and rows from
    /// <paramref name="top"/>, clipped to those columns and to rows above <paramref name="bottom"/>. Windows added in
    /// plan order give the same floats whatever part of the output the planes hold. Where no earlier window of the plan
    /// kept output, the planes are written (as if added to zero), not read: they need not be cleared.
    /// </summary>
    internal void Accumulate(PlanarImage result, int tx, int ty, float[][] planes, int left, int top, int width, int bottom)
    {
        int s = _scale;
        var sx = _planX.Tiles[tx];
        var sy = _planY.Tiles[ty];
        int q0 = sx.KeepStart * s;
        int qFrom = Math.Max(q0, left), qTo = Math.Min(sx.KeepEnd * s, left + width);
        int split = Math.Min(Math.Max(_touchedX[tx], qFrom), qTo);
        var wx = _weightsX[tx];

        float lo = _card.ValueRange[0], inv = 1f / (_card.ValueRange[1] - lo);
        int rw = result.Width, plane = result.PlaneSize;
        for (int r = Math.Max(sy.KeepStart * s, top); r < Math.Min(sy.KeepEnd * s, bottom); r++)
        {
            float wy = _planY.Weight(ty, r, s);
            int resultRow = (r - (sy.WindowStart * s)) * rw;
            long accRow = ((long)(r - top) * width) - left;
            int added = r < _touchedY[ty] ? qTo : split; // columns [qFrom, added) already hold earlier windows' output
            for (int c = 0; c < result.Channels; c++)
            {
                if (qTo > qFrom)
                {
                    int srcBase = (c * plane) + resultRow - (sx.WindowStart * s);
                    TileBlend.Add(planes[c].AsSpan((int)(accRow + qFrom), added - qFrom), result.Data.AsSpan(srcBase + qFrom, added - qFrom), wx.AsSpan(qFrom - q0, added - qFrom), wy, lo, inv);
                    TileBlend.Write(planes[c].AsSpan((int)(accRow + added), qTo - added), result.Data.AsSpan(srcBase + added, qTo - added), wx.AsSpan(added - q0, qTo - added), wy, lo, inv);
                }
            }
        }
    }

    /// <summary>
    /// Writes finished <paramref name="planes"/> (output columns from <paramref name="left"/>, <paramref name="width"/>
    /// wide, rows [<paramref name="top"/>, <paramref name="top"/> + <paramref name="height"/>)) to <paramref name="sink"/>
    /// as rows 0.. of that region, with the alpha rows of those columns. Thread-safe.
    /// </summary>
    internal void WriteRegion(IRowSink sink, float[][] planes, int left, int top, int width, int height)
    {
        var fullAlpha = _alpha is null ? null : new float[_outW];
        var rowAlpha = _alpha is null ? null : new float[width];
        for (int r = 0; r < height; r++)
        {
            if (_alpha != null)
            {
                lock (_alpha)
                {
                    _alpha.Row(top + r, fullAlpha!); // the upscaler reuses one row buffer
                }

                Array.Copy(fullAlpha!, left, rowAlpha!, 0, width);
            }

            sink.WriteRow(r, new OutputRow(planes, r * width, width, rowAlpha));
        }
    }

    // A strip (the plan's only column) finishing rows [_accStart, end): the rows it shares with the strip above are added
    // to the accumulator and written; its own rows [own, end) go from its output to the sink through one row, with the
    // floats Accumulate would have written (an upscaler's output is 16 floats per input pixel at ×4, and this saves
    // writing and reading them again); the rows it shares with the strip below start the accumulator.
    private void Stream(IRowSink sink, PlanarImage result, int ty, int own, int end)
    {
        int s = _scale;
        var sy = _planY.Tiles[ty];
        Accumulate(result, 0, ty, _acc!, 0, _accStart, _outW, own);
        var rowAlpha = _alpha is null ? null : new float[_outW];
        for (int r = _accStart; r < own; r++)
        {
            _alpha?.Row(r, rowAlpha!);
            sink.WriteRow(r, new OutputRow(_acc!, (r - _accStart) * _outW, _outW, rowAlpha));
        }

        _row ??= Accumulator(1, _outW);
        float lo = _card.ValueRange[0], inv = 1f / (_card.ValueRange[1] - lo);
        var wx = _weightsX[0].AsSpan(0, _outW);
        int left = _planX.Tiles[0].WindowStart * s;
        for (int r = own; r < end; r++)
        {
            float wy = _planY.Weight(ty, r, s);
            int resultRow = ((r - (sy.WindowStart * s)) * result.Width) - left;
            for (int c = 0; c < _row.Length; c++)
            {
                TileBlend.Write(_row[c], result.Data.AsSpan((c * result.PlaneSize) + resultRow, _outW), wx, wy, lo, inv);
            }

            _alpha?.Row(r, rowAlpha!);
            sink.WriteRow(r, new OutputRow(_row, 0, _outW, rowAlpha));
        }

        Accumulate(result, 0, ty, _acc!, 0, end, _outW, _outH);
        _accStart = end;
    }

    // Rows [_accStart, end) are complete: write them out, then move the unfinished feather band up (the rest is
    // overwritten by the next tile row before it is read).
    private void Finalise(IRowSink sink, int end)
    {
        var rowAlpha = _alpha is null ? null : new float[_outW];
        for (int r = _accStart; r < end; r++)
        {
            _alpha?.Row(r, rowAlpha!);
            sink.WriteRow(r, new OutputRow(_acc!, (r - _accStart) * _outW, _outW, rowAlpha));
        }

        int keep = (_accStart + _accRows) - end;
        long from = (long)(end - _accStart) * _outW;
        foreach (var acc in _acc!)
        {
            Array.Copy(acc, from, acc, 0, (long)keep * _outW);
        }

        _accStart = end;
    }
}
