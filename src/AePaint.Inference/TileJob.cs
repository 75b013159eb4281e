using AePaint.Imaging;
using AePaint.Imaging.Tiling;
using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>One pass of <see cref="TiledRunner"/> at one tile size: plan, run tiles row by row, blend, finalise.</summary>
internal sealed class TileJob
{
    private readonly ITileModel _model;
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
    private readonly float[][] _acc;
    private readonly int _accRows;
    private readonly AlphaUpscaler? _alpha;
    private readonly CoarseFillMap? _coarseFill;
    private int _accStart;

    // Per-window buffers, allocated once per job and overwritten by every tile: a 512 tile's window is megabytes of
    // large-object heap, and inside Paint.NET we cannot tune the host's GC (the CLI sets ConserveMemory).
    private PlanarImage? _colour;
    private float[]? _windowAlpha;
    private PlanarImage? _window;
    private PlanarImage? _result;

    /// <param name="floatColour">When given, the colour the model reads (same size as <paramref name="input"/>, opaque),
    /// instead of the 8-bit pixels: unclipped float input for the published evaluation protocols.</param>
    public TileJob(ITileModel model, Bgra8Image input, RunSettings settings, int tileSize, float? sigma, PlanarImage? floatColour = null)
    {
        _model = model;
        _card = model.Card;
        _input = input;
        _floatColour = floatColour;
        _sigma = sigma;
        _scale = _card.Scale;
        _linear = _card.ColorSpace == "linear";
        int overlap = settings.Overlap ?? _card.EffectiveOverlap;
        int feather = settings.Feather ?? (overlap / 2);
        int m = _card.MultipleOf;
        _planX = TilePlanner.PlanAxis(input.Width, model.FixedWidth ?? tileSize, overlap, feather, m);
        _planY = TilePlanner.PlanAxis(input.Height, model.FixedHeight ?? tileSize, overlap, feather, m);
        _windowW = FitFixed(_planX.WindowSize, model.FixedWidth, "width");
        _windowH = FitFixed(_planY.WindowSize, model.FixedHeight, "height");
        _hasAlpha = input.HasTransparency();
        _outW = input.Width * _scale;
        _outH = input.Height * _scale;
        _accRows = (_planY.Step + _planY.Feather) * _scale;
        _acc = new float[_card.OutputChannels][];
        for (int c = 0; c < _acc.Length; c++)
        {
            _acc[c] = new float[(long)_accRows * _outW];
        }

        if (_hasAlpha)
        {
            _coarseFill = TransparentFill.CoarseMap(input, linear: _linear);
        }

        if (_hasAlpha && _scale > 1)
        {
            _alpha = new AlphaUpscaler(input, _scale);
        }
    }

    public int TileCount => _planX.Tiles.Count * _planY.Tiles.Count;

    public int OutputWidth => _outW;

    public int OutputHeight => _outH;

    /// <summary>Runs every tile, handing each finished output row to <paramref name="sink"/> in order.</summary>
    public void Execute(IRowSink sink, Action<TileProgress>? progress, CancellationToken cancel)
    {
        int done = 0;
        for (int ty = 0; ty < _planY.Tiles.Count; ty++)
        {
            for (int tx = 0; tx < _planX.Tiles.Count; tx++)
            {
                cancel.ThrowIfCancellationRequested();
                RunTile(tx, ty);
                progress?.Invoke(new TileProgress(++done, TileCount));
            }

            bool last = ty == _planY.Tiles.Count - 1;
            int finalEnd = last ? _outH : _planY.Tiles[ty + 1].KeepStart * _scale;
            Finalise(sink, finalEnd);
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

    private void RunTile(int tx, int ty)
    {
        var sx = _planX.Tiles[tx];
        var sy = _planY.Tiles[ty];
        int cin = _card.InputChannels;
        var colour = _colour ??= new PlanarImage(cin, _windowW, _windowH);
        var alpha = _hasAlpha ? _windowAlpha ??= new float[colour.PlaneSize] : null;
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

        var window = _window ??= new PlanarImage(_card.GraphInputChannels, _windowW, _windowH);
        float lo = _card.ValueRange[0], span = _card.ValueRange[1] - lo;
        var src = colour.Data;
        var dst = window.Data;
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = lo + (src[i] * span);
        }

        if (_card.NoiseMap is { } nm && _sigma is { } sigma)
        {
            dst.AsSpan(src.Length).Fill(sigma / nm.Divisor);
        }

        var result = _result = _model.Run(window, _result);
        if (result.Channels != _card.OutputChannels || result.Width != _windowW * _scale || result.Height != _windowH * _scale)
        {
            throw new InvalidOperationException($"Model '{_card.Name}' returned {result.Channels}×{result.Width}×{result.Height} for a {_windowW}×{_windowH} window; its card promises {_card.OutputChannels} channels at ×{_scale}.");
        }

        Accumulate(result, tx, sx, ty, sy);
    }

    private void Accumulate(PlanarImage result, int tx, TileSpan sx, int ty, TileSpan sy)
    {
        int s = _scale;
        int q0 = sx.KeepStart * s, q1 = sx.KeepEnd * s;
        var wx = new float[q1 - q0];
        for (int q = q0; q < q1; q++)
        {
            wx[q - q0] = _planX.Weight(tx, q, s);
        }

        float lo = _card.ValueRange[0], inv = 1f / (_card.ValueRange[1] - lo);
        int rw = result.Width, plane = result.PlaneSize;
        for (int r = sy.KeepStart * s; r < sy.KeepEnd * s; r++)
        {
            float wy = _planY.Weight(ty, r, s);
            int resultRow = (r - (sy.WindowStart * s)) * rw;
            long accRow = (long)(r - _accStart) * _outW;
            for (int c = 0; c < result.Channels; c++)
            {
                var acc = _acc[c];
                var data = result.Data;
                int srcBase = (c * plane) + resultRow - (sx.WindowStart * s);
                for (int q = q0; q < q1; q++)
                {
                    acc[accRow + q] += wy * wx[q - q0] * (data[srcBase + q] - lo) * inv;
                }
            }
        }
    }

    // Rows [_accStart, end) are complete: write them out, then move the unfinished feather band up.
    private void Finalise(IRowSink sink, int end)
    {
        var rowAlpha = _alpha is null ? null : new float[_outW];
        for (int r = _accStart; r < end; r++)
        {
            _alpha?.Row(r, rowAlpha!);
            sink.WriteRow(r, new OutputRow(_acc, (r - _accStart) * _outW, _outW, rowAlpha));
        }

        int keep = (_accStart + _accRows) - end;
        long from = (long)(end - _accStart) * _outW;
        foreach (var acc in _acc)
        {
            Array.Copy(acc, from, acc, 0, (long)keep * _outW);
            Array.Clear(acc, (int)((long)keep * _outW), acc.Length - (int)((long)keep * _outW));
        }

        _accStart = end;
    }
}
