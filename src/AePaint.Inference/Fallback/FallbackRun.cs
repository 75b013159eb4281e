using AePaint.Imaging;

namespace AePaint.Inference.Fallback;

/// <summary>
/// One run's walk through its <see cref="FallbackPolicy"/>'s attempts (like ONNX Runtime's RunOptions: made per run,
/// dropped after it). A host runs every model call of the run through it — one image, a batch, or the render tiles of
/// one effect application, from several threads — and a move to smaller tiles or the CPU sticks for the calls after
/// it. The steps taken and their notices are kept for the host to tell the user.
/// </summary>
public sealed class FallbackRun
{
    private readonly object _gate = new();
    private readonly FallbackPolicy _policy;
    private readonly Func<ExecutionDevice, ModelSession> _open;
    private readonly IReadOnlyList<Attempt> _attempts;
    private readonly List<FallbackStep> _steps = [];
    private int _current;
    private ModelSession? _session;
    private ModelSession? _lastSession;

    /// <param name="policy">The host's policy.</param>
    /// <param name="requested">The device the user chose.</param>
    /// <param name="tileSize">The user's model window; null = <see cref="RunSettings.DefaultTileSize"/>.</param>
    /// <param name="open">The session for a device (the caller owns and disposes what it returns, e.g. a <see cref="ModelSessionCache"/>).</param>
    public FallbackRun(FallbackPolicy policy, ExecutionDevice requested, int? tileSize, Func<ExecutionDevice, ModelSession> open)
    {
        _policy = policy;
        _open = open;
        Requested = requested;
        _attempts = policy.Attempts(requested, tileSize ?? RunSettings.DefaultTileSize);
    }

    public ExecutionDevice Requested { get; }

    /// <summary>Called with each step as it is taken (the CLI prints it at once).</summary>
    public Action<FallbackStep>? Stepped { get; init; }

    /// <summary>The attempt the next model call uses.</summary>
    public Attempt Current
    {
        get
        {
            lock (_gate)
            {
                return _attempts[_current];
            }
        }
    }

    public IReadOnlyList<FallbackStep> Steps
    {
        get
        {
            lock (_gate)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>The session last opened (null before the first model call): what ran, or what failed.</summary>
    public ModelSession? OpenedSession
    {
        get
        {
            lock (_gate)
            {
                return _session ?? _lastSession;
            }
        }
    }

    /// <summary>
    /// The session of the current attempt, opened on first use. Opening runs a probe on the device, so it can fail as a
    /// run does: a graphics card that cannot load or probe the model is a step to the CPU.
    /// </summary>
    public ModelSession Session
    {
        get
        {
            lock (_gate)
            {
                while (true)
                {
                    int index = _current;
                    try
                    {
                        return OpenCurrent();
                    }
                    catch (Exception e)
                    {
                        if (!Advance(e, index, null))
                        {
                            throw;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="run"/> with the current attempt's session and tile size until it succeeds, moving to the
    /// next attempt the policy names after each failure; rethrows the last failure when the policy gives up.
    /// </summary>
    public T Run<T>(Func<ModelSession, int, T> run, CancellationToken cancel = default)
    {
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            int index;
            ModelSession session;
            lock (_gate)
            {
                session = Session;
                index = _current;
            }

            try
            {
                return run(session, _attempts[index].TileSize);
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                if (!Advance(e, index, session))
                {
                    throw;
                }
            }
        }
    }

    /// <summary>
    /// The tiled engine over <paramref name="input"/> (see <see cref="TiledRunner.Run"/>) at the current attempt's tile
    /// size; the report counts the smaller-tile retries of this image.
    /// </summary>
    public (Bgra8Image Image, RunReport Report) Run(Bgra8Image input, RunSettings settings, Action<TileProgress>? progress = null, CancellationToken cancel = default)
    {
        int before = Shrinks();
        var (image, report) = Run((session, tile) => TiledRunner.Run(session, input, settings with { TileSize = tile }, progress, cancel), cancel);
        return (image, report with { OutOfMemoryRetries = Shrinks() - before });
    }

    private int Shrinks()
    {
        lock (_gate)
        {
            return _steps.Count(s => s.Action == FailureAction.RetrySmallerTiles);
        }
    }

    private ModelSession OpenCurrent()
    {
        var attempt = _attempts[_current];
        if (_session is null)
        {
            _session = _open(attempt.Device);
            if (_policy.LoadNotice(attempt.Device, _session.Provider, _session.FallbackReason, ExecutionDevices.DirectMLBuild) is { } notice)
            {
                Record(new FallbackStep(attempt, attempt with { Device = ExecutionDevice.Cpu }, FailureAction.RetryOnCpu, notice, null));
            }
        }

        return _session;
    }

    /// <summary>
    /// Moves past attempt <paramref name="failed"/> as the policy says; false when it gives up. Without a
    /// <paramref name="session"/> the device failed to open the model: the attempt's device is what failed, and
    /// smaller tiles cannot help.
    /// </summary>
    private bool Advance(Exception e, int failed, ModelSession? session)
    {
        lock (_gate)
        {
            if (_current != failed)
            {
                return true; // another thread's failure at the same attempt already moved on
            }

            bool onGpu = session is null ? _attempts[failed].Device != ExecutionDevice.Cpu : session.Provider != SessionFactory.CpuProvider;
            bool canShrink = session is { FixedWidth: null, FixedHeight: null }
                && _policy.Next(_attempts, failed, FailureAction.RetrySmallerTiles) is not null;
            var action = _policy.Classify(e, onGpu, canShrink);
            if (action == FailureAction.GiveUp || _policy.Next(_attempts, failed, action) is not { } next)
            {
                return false;
            }

            var from = _attempts[failed];
            var to = _attempts[next];
            Record(new FallbackStep(from, to, action, _policy.StepNotice(from, to, action, e, onGpu), e));
            _current = next;
            if (to.Device != from.Device)
            {
                _lastSession = _session;
                _session = null;
            }

            if (OutOfMemory.IsOutOfMemory(e))
            {
                GC.Collect(); // the failed attempt's windows are garbage now
            }

            return true;
        }
    }

    private void Record(FallbackStep step)
    {
        _steps.Add(step);
        Stepped?.Invoke(step);
    }
}
