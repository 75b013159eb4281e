using AePaint.Imaging;
using AePaint.Imaging.Tiling;

namespace AePaint.Inference;

/// <summary>
/// One tiled run (<see cref="TiledRunner.Windows"/>) whose windows run when a part of the output first needs them:
/// the first thread to need a window runs it on a free lane, others needing it wait, and its output is kept until all
/// of it inside the region the host draws has been drawn. A part is blended out of its windows in plan order — the
/// float additions of the streaming run — so every part equals the same pixels of <see cref="TiledRunner.Run"/>.
/// Cancellation is checked before and after each window: a window that finishes after the cancel is not kept, and a
/// cancelled part returns nothing.
/// </summary>
public sealed class TileWindows
{
    private readonly object _gate = new();
    private readonly TileJob _job;
    private readonly Bgra8Image _input;
    private readonly bool _linear;
    private readonly DenoiseMix _mix;
    private readonly (int X, int Y, int Width, int Height) _needed;
    private readonly Action<TileProgress>? _progress;
    private readonly PlanarImage?[] _outputs;
    private readonly bool[] _running;
    private readonly bool[] _finished;
    private readonly long[] _undrawn;
    private readonly Stack<int> _freeLanes = new();
    private readonly TileBuffers[] _buffers;
    private int _finishedCount;
    private int _runs;

    internal TileWindows(TileJob job, Bgra8Image input, bool linear, DenoiseMix mix, RunReport report, (int X, int Y, int Width, int Height) needed, Action<TileProgress>? progress)
    {
        _job = job;
        _input = input;
        _linear = linear;
        _mix = mix;
        _needed = needed;
        _progress = progress;
        Report = report;
        _outputs = new PlanarImage?[job.TileCount];
        _running = new bool[job.TileCount];
        _finished = new bool[job.TileCount];
        _undrawn = new long[job.TileCount];
        int columns = job.PlanX.Tiles.Count;
        for (int i = 0; i < _undrawn.Length; i++)
        {
            _undrawn[i] = KeptArea(i % columns, i / columns, needed);
        }

        _buffers = new TileBuffers[job.LaneModels.Count];
        for (int lane = _buffers.Length - 1; lane >= 0; lane--)
        {
            _buffers[lane] = new TileBuffers();
            _freeLanes.Push(lane);
        }
    }

    /// <summary>The plan, σ and lanes, as <see cref="TiledRunner.Run"/> reports them (Elapsed is zero: the work happens per part).</summary>
    public RunReport Report { get; }

    public int WindowCount => _job.TileCount;

    /// <summary>Windows run so far, a window dropped and needed again counted again.</summary>
    public int WindowRuns => Volatile.Read(ref _runs);

    /// <summary>Pixels the model has read so far: every window run, context included.</summary>
    public long PixelsRead => WindowRuns * (_job.WindowPixels / _job.TileCount);

    /// <summary>
    /// The output pixels of <paramref name="region"/> (output coordinates), 8-bit as <see cref="TiledRunner.Run"/> writes
    /// them. <paramref name="drawn"/> (default: the region) is the part the caller will not ask for again: window outputs
    /// all drawn inside the needed region are dropped.
    /// </summary>
    public Bgra8Image Render((int X, int Y, int Width, int Height) region, CancellationToken cancel = default, (int X, int Y, int Width, int Height)? drawn = null)
    {
        var (x, y, width, height) = region;
        if (width < 1 || height < 1 || x < 0 || y < 0 || x + width > _job.OutputWidth || y + height > _job.OutputHeight)
        {
            throw new ArgumentOutOfRangeException(nameof(region), $"{region} is not inside the {_job.OutputWidth}×{_job.OutputHeight} output.");
        }

        int s = _job.Scale;
        var cols = Meeting(_job.PlanX, x, width, s);
        var rows = Meeting(_job.PlanY, y, height, s);
        int columns = _job.PlanX.Tiles.Count;
        var needed = new List<int>();
        for (int ty = rows.First; ty <= rows.Last; ty++)
        {
            for (int tx = cols.First; tx <= cols.Last; tx++)
            {
                needed.Add((ty * columns) + tx);
            }
        }

        var outputs = Gather(needed, cancel);
        var planes = _job.Accumulator(height, width);
        for (int k = 0; k < needed.Count; k++)
        {
            _job.Accumulate(outputs[k], needed[k] % columns, needed[k] / columns, planes, x, y, width, y + height);
        }

        cancel.ThrowIfCancellationRequested();
        var image = new Bgra8Image(width, height);
        _job.WriteRegion(new Bgra8Sink(s == 1 ? _input.Crop(x, y, width, height) : _input, image, s, _linear, _mix), planes, x, y, width, height);
        Drawn(drawn ?? region, rows, cols, columns);
        return image;
    }

    // The tiles along one axis whose kept span meets [start, start + length) (output pixels): a contiguous run.
    private static (int First, int Last) Meeting(AxisPlan plan, int start, int length, int scale)
    {
        int first = -1, last = -1;
        for (int k = 0; k < plan.Tiles.Count; k++)
        {
            var t = plan.Tiles[k];
            if (t.KeepStart * scale < start + length && t.KeepEnd * scale > start)
            {
                first = first < 0 ? k : first;
                last = k;
            }
        }

        return (first, last);
    }

    private static long Overlap(int a0, int a1, int b0, int b1) => Math.Max(0, Math.Min(a1, b1) - Math.Max(a0, b0));

    // Output pixels of window (tx, ty)'s kept area inside rect.
    private long KeptArea(int tx, int ty, (int X, int Y, int Width, int Height) rect)
    {
        int s = _job.Scale;
        var sx = _job.PlanX.Tiles[tx];
        var sy = _job.PlanY.Tiles[ty];
        return Overlap(sx.KeepStart * s, sx.KeepEnd * s, rect.X, rect.X + rect.Width)
            * Overlap(sy.KeepStart * s, sy.KeepEnd * s, rect.Y, rect.Y + rect.Height);
    }

    private void WakeWaiters()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// The outputs of windows <paramref name="needed"/> (in that order). Kept ones are taken; the others run on every
    /// free lane at once (this thread and helpers), in any order, while windows another thread is running are waited for.
    /// </summary>
    private PlanarImage[] Gather(List<int> needed, CancellationToken cancel)
    {
        var outputs = new PlanarImage[needed.Count];
        int got = 0;
        using var wake = cancel.Register(WakeWaiters);
        while (true)
        {
            var claimed = new List<(int Slot, int Lane)>();
            lock (_gate)
            {
                for (int k = 0; k < needed.Count; k++)
                {
                    int i = needed[k];
                    if (outputs[k] is null && _outputs[i] is { } kept)
                    {
                        outputs[k] = kept;
                        got++;
                    }
                }

                if (got == needed.Count)
                {
                    return outputs;
                }

                cancel.ThrowIfCancellationRequested();
                for (int k = 0; k < needed.Count && _freeLanes.Count > 0; k++)
                {
                    if (outputs[k] is null && !_running[needed[k]])
                    {
                        _running[needed[k]] = true;
                        claimed.Add((k, _freeLanes.Pop()));
                    }
                }

                if (claimed.Count == 0)
                {
                    Monitor.Wait(_gate);
                    continue;
                }
            }

            var helpers = claimed.Skip(1).Select(c => Task.Run(() => Run(needed[c.Slot], c.Lane, cancel), CancellationToken.None)).ToArray();
            Exception? failure = null;
            try
            {
                Run(needed[claimed[0].Slot], claimed[0].Lane, cancel);
            }
            catch (Exception e)
            {
                failure = e;
            }

            foreach (var helper in helpers)
            {
                try
                {
                    helper.Wait(CancellationToken.None);
                }
                catch (AggregateException e)
                {
                    failure ??= e.InnerException; // the model's own exception: the fallback policy classifies it
                }
            }

            if (failure != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
        }
    }

    // Runs window i on a claimed lane; kept unless the run was cancelled meanwhile.
    private void Run(int i, int lane, CancellationToken cancel)
    {
        int columns = _job.PlanX.Tiles.Count;
        PlanarImage? output = null;
        try
        {
            cancel.ThrowIfCancellationRequested();
            var buffers = _buffers[lane];
            buffers.Result = null; // the output is kept: the next window must not overwrite it
            output = _job.RunWindow(_job.LaneModels[lane], buffers, i % columns, i / columns);
        }
        finally
        {
            lock (_gate)
            {
                _running[i] = false;
                _freeLanes.Push(lane);
                if (output != null)
                {
                    _runs++;
                    if (!cancel.IsCancellationRequested)
                    {
                        _outputs[i] = output;
                        if (!_finished[i])
                        {
                            _finished[i] = true;
                            _finishedCount++;
                            _progress?.Invoke(new TileProgress(_finishedCount, _outputs.Length));
                        }
                    }
                }

                Monitor.PulseAll(_gate);
            }
        }
    }

    // Counts the drawn part against each window it used; a window with nothing left to draw is dropped.
    private void Drawn((int X, int Y, int Width, int Height) drawn, (int First, int Last) rows, (int First, int Last) cols, int columns)
    {
        var (nx, ny, nw, nh) = _needed;
        int left = Math.Max(drawn.X, nx), top = Math.Max(drawn.Y, ny);
        var part = (left, top, Math.Min(drawn.X + drawn.Width, nx + nw) - left, Math.Min(drawn.Y + drawn.Height, ny + nh) - top);
        lock (_gate)
        {
            for (int ty = rows.First; ty <= rows.Last; ty++)
            {
                for (int tx = cols.First; tx <= cols.Last; tx++)
                {
                    int i = (ty * columns) + tx;
                    long done = KeptArea(tx, ty, part);
                    if (done > 0 && (_undrawn[i] -= done) <= 0)
                    {
                        _outputs[i] = null; // a window only the margin around the needed region uses stays
                    }
                }
            }
        }
    }
}
