using AePaint.Imaging;
using AePaint.Inference.Cards;
using Microsoft.ML.OnnxRuntime;

namespace AePaint.Inference;

/// <summary>
/// One loaded model: its card, its ONNX Runtime session and the device it really runs on. Create with
/// <see cref="Open"/>, which checks the card against the graph; keep it (sessions are slow to create,
/// DirectML's first one especially) — <see cref="ModelSessionCache"/> does that for hosts.
/// </summary>
public sealed class ModelSession : ITileModel, IDisposable
{
    private readonly byte[] _model;
    private readonly object _runLock = new();
    private readonly InferenceSession _session;
    private readonly SessionBackend _backend;
    private readonly List<ModelSession> _lanes = [];
    private string? _fingerprint;

    private ModelSession(string path, byte[] model, ModelCard card, InferenceSession session, string provider, string? fallbackReason, CardSource cardSource, string device)
    {
        Device = device;
        _backend = SessionBackend.Current;
        ModelPath = path;
        _model = model;
        Card = card;
        _session = session;
        Provider = provider;
        FallbackReason = fallbackReason;
        CardSource = cardSource;
        InputName = card.InputName ?? session.InputNames[0];
        OutputName = card.OutputName ?? session.OutputNames[0];
        var dims = session.InputMetadata[InputName].Dimensions;
        FixedHeight = dims.Length == 4 && dims[2] > 0 ? dims[2] : null;
        FixedWidth = dims.Length == 4 && dims[3] > 0 ? dims[3] : null;
    }

    public string ModelPath { get; }

    public ModelCard Card { get; }

    public CardSource CardSource { get; }

    /// <summary>"DirectML" or "CPU": where the model runs now.</summary>
    public string Provider { get; }

    /// <summary>True when <see cref="Provider"/> is the CPU (asked for, or fallen back to).</summary>
    public bool OnCpu => Provider == SessionFactory.CpuProvider;

    /// <summary>What ran it: "CPU", or the graphics card and DirectML version ("NVIDIA GeForce RTX 3060 (DirectML 1.15.4)").</summary>
    public string Device { get; }

    /// <summary>Why the GPU was not used, when it was asked for and could not load the model (show this to the user).</summary>
    public string? FallbackReason { get; }

    public string InputName { get; }

    public string OutputName { get; }

    public int? FixedWidth { get; }

    public int? FixedHeight { get; }

    /// <summary>Hash of the graph and weights without the card (<see cref="Embedding.ModelFingerprint"/>): an embedder's identity.</summary>
    public string Fingerprint => _fingerprint ??= Embedding.ModelFingerprint.Of(_model);

    /// <summary>Loads a model, reads its card (embedded, else sidecar) and verifies the graph agrees with it.</summary>
    public static ModelSession Open(string path, ExecutionDevice device = ExecutionDevice.Auto) => Open(path, device, null);

    /// <summary>A CPU session set up for a measurement (threads, spinning, profiler); hosts use <see cref="Open(string, ExecutionDevice)"/>.</summary>
    public static ModelSession OpenCpu(string path, CpuTuning tuning) => Open(path, ExecutionDevice.Cpu, tuning);

    /// <summary>Ends ONNX Runtime's profiling (sessions opened with a profile prefix) and returns the JSON file's path.</summary>
    public string EndProfiling() => _session.EndProfiling();

    private static ModelSession Open(string path, ExecutionDevice device, CpuTuning? tuning)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, e is FileNotFoundException or DirectoryNotFoundException ? "model file not found" : "cannot read model file: " + e.Message, e);
        }

        InferenceSession session;
        string provider;
        string? reason;
        string deviceName;
        try
        {
            if (tuning is null)
            {
                session = SessionFactory.Create(bytes, device, out provider, out reason, out deviceName);
            }
            else
            {
                session = SessionBackend.Current.CreateCpu(bytes, tuning);
                (provider, reason, deviceName) = (SessionFactory.CpuProvider, null, SessionFactory.CpuProvider);
            }
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException(path, "not a valid ONNX model (ONNX Runtime could not load it): " + FirstLine(e.Message), e);
        }

        try
        {
            var (card, source) = ModelCardFile.Read(path, bytes);
            var model = new ModelSession(path, bytes, card, session, provider, reason, source, deviceName);
            GraphValidation.Validate(model, session);
            return model;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public PlanarImage Run(PlanarImage window) => Run(window, null);

    public PlanarImage Run(PlanarImage window, PlanarImage? reuse)
    {
        // ONNX Runtime's CPU sessions take concurrent runs (the tiled engine runs tiles side by side); DirectML's
        // command queue is not shared safely, so GPU runs go one at a time.
        if (Provider == SessionFactory.CpuProvider)
        {
            return RunOnce(window, reuse);
        }

        lock (_runLock)
        {
            return RunOnce(window, reuse);
        }
    }

    /// <summary>
    /// On the CPU: this session (when <paramref name="count"/> is 1) or <paramref name="count"/> single-threaded
    /// sessions of the same model (<see cref="CpuTuning.Lane"/>), created on first use and kept with this one. A
    /// GPU session runs one window at a time.
    /// </summary>
    public IReadOnlyList<ITileModel> SideBySide(int count)
    {
        if (count <= 1 || Provider != SessionFactory.CpuProvider)
        {
            return [this];
        }

        lock (_lanes)
        {
            while (_lanes.Count < count)
            {
                var session = _backend.CreateCpu(_model, CpuTuning.Lane);
                _lanes.Add(new ModelSession(ModelPath, _model, Card, session, Provider, null, CardSource, Device));
            }

            return _lanes.GetRange(0, count);
        }
    }

    public void Dispose()
    {
        lock (_lanes)
        {
            foreach (var lane in _lanes)
            {
                lane.Dispose();
            }

            _lanes.Clear();
        }

        _session.Dispose();
    }

    internal static string FirstLine(string s)
    {
        int i = s.IndexOf('\n', StringComparison.Ordinal);
        return (i < 0 ? s : s[..i]).Trim();
    }

    private PlanarImage RunOnce(PlanarImage window, PlanarImage? reuse)
    {
        long[] shape = [1, window.Channels, window.Height, window.Width];
        using var input = OrtValue.CreateTensorValueFromMemory(window.Data, shape);
        using var runOptions = new RunOptions();
        using var outputs = _backend.Run(_session, runOptions, InputName, input, OutputName);
        var output = outputs[0];
        var outShape = output.GetTensorTypeAndShape().Shape;
        if (outShape.Length != 4 || outShape[0] != 1)
        {
            throw new InvalidOperationException($"{ModelPath}: model output has shape [{string.Join(", ", outShape)}], expected [1, C, H, W].");
        }

        var result = reuse is { } r && r.Channels == outShape[1] && r.Width == outShape[3] && r.Height == outShape[2]
            ? r : new PlanarImage((int)outShape[1], (int)outShape[3], (int)outShape[2]);
        output.GetTensorDataAsSpan<float>().CopyTo(result.Data);
        return result;
    }
}
