using System.Diagnostics;
using System.Text.Json;
using AePaint.Imaging;
using AePaint.Imaging.Files;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>
/// How fast this machine's CPU runs each model, measured once per model (<see cref="Measure"/>) and kept in a small
/// file of ours, so the Quality hint can say the expected time for a selection without a constant measured on some
/// other machine. Kept as multiply-accumulates per second, keyed by the card's name and MAC/px (a model replaced by a
/// different net is measured again).
/// </summary>
public sealed class CpuRates(string file)
{
    /// <summary>Side of the square the probe runs (one window): big enough that a run is not all start-up, small enough to be quick.</summary>
    public const int ProbeSize = 256;

    private readonly object _gate = new();
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal); // by Key, under _gate
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal); // by Key, under _gate: not tried again by this process
    private readonly object _one = new(); // held by the measurement running
    private Dictionary<string, double>? _rates;

    /// <summary>Where the measurements are kept: beside the per-user models folder (…/AePaint/cpu-rates.json).</summary>
    public static string DefaultFile => Path.Combine(Path.GetDirectoryName(ModelCatalog.UserFolder)!, "cpu-rates.json");

    public string File { get; } = file;

    /// <summary>The measured multiply-accumulates per second of <paramref name="card"/>'s model on the CPU, or null.</summary>
    public double? MacsPerSecond(ModelCard card)
    {
        lock (_gate)
        {
            return Key(card) is { } key && Load().TryGetValue(key, out double rate) ? rate : null;
        }
    }

    /// <summary>Expected CPU seconds for <paramref name="pixels"/> input pixels (one pass), or null when not measured.</summary>
    public double? Seconds(ModelCard card, long pixels) =>
        card.MacsPerPixel is { } macs && MacsPerSecond(card) is { } rate && rate > 0 ? macs * pixels / rate : null;

    /// <summary>Keeps a measurement (replacing an older one of the same model); a file that cannot be written only loses the cache.</summary>
    public void Record(ModelCard card, double macsPerSecond)
    {
        if (Key(card) is not { } key || !(macsPerSecond > 0) || double.IsInfinity(macsPerSecond))
        {
            return;
        }

        lock (_gate)
        {
            var rates = Load();
            rates[key] = macsPerSecond;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(File))!);
                AtomicFile.Write(File, JsonSerializer.SerializeToUtf8Bytes(rates, new JsonSerializerOptions { WriteIndented = true }), replace: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Kept for this process; the next dialog measures again.
            }
        }
    }

    /// <summary>
    /// How one model is measured: multiply-accumulates per second on the CPU for the model at the path with this card;
    /// throws when it cannot be measured. By default <see cref="MeasureOnCpu"/>. Tests give a slow or failing one.
    /// </summary>
    public Func<string, ModelCard, ModelSessionCache, double> Meter { get; init; } = MeasureOnCpu;

    /// <summary>
    /// Starts measuring, on a pool thread, the models that have no measurement yet, and returns at once: the caller may be
    /// Paint.NET's UI thread, which a measurement (about a second of a quality net on a laptop) must not freeze. A model
    /// already being measured is not measured twice; measurements run one at a time (two at once would slow each
    /// other down and record too low a rate). A model that cannot be measured (missing file, ONNX Runtime error) leaves
    /// no entry and nothing thrown, and is not tried again by this process: the hint leaves its time out, and the run
    /// says why when it runs. The returned task
    /// ends when these models are measured or have failed; it never faults.
    /// </summary>
    public Task Measure(IEnumerable<(string Path, ModelCard Card)> models, ModelSessionCache sessions)
    {
        var tasks = new List<Task>();
        lock (_gate)
        {
            foreach (var (path, card) in models)
            {
                if (Key(card) is not { } key || Load().ContainsKey(key) || _failed.Contains(key))
                {
                    continue;
                }

                if (!_running.TryGetValue(key, out var task))
                {
                    task = Task.Run(() => MeasureOne(key, path, card, sessions));
                    _running[key] = task; // before the gate opens: MeasureOne removes it under the same gate
                }

                tasks.Add(task);
            }
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>Whether <paramref name="card"/>'s model is being measured now (its time shows once measured).</summary>
    public bool IsMeasuring(ModelCard card)
    {
        lock (_gate)
        {
            return Key(card) is { } key && _running.ContainsKey(key);
        }
    }

    /// <summary>
    /// Waits until no measurement is running, so a render does not share the CPU with one (the measurement would read
    /// too slow a rate). Returns at once when none is running.
    /// </summary>
    public void WaitForMeasurements(CancellationToken cancel)
    {
        Task[] running;
        lock (_gate)
        {
            running = [.. _running.Values];
        }

        if (running.Length > 0)
        {
            Task.WaitAll(running, cancel);
        }
    }

    /// <summary>One <see cref="ProbeSize"/>² run on the CPU after a warm-up run (the first run allocates).</summary>
    public static double MeasureOnCpu(string path, ModelCard card, ModelSessionCache sessions)
    {
        double macs = card.MacsPerPixel ?? throw new InvalidOperationException($"{path}: the card states no MAC/px");
        var session = sessions.Get(path, ExecutionDevice.Cpu);
        var image = TestPattern(ProbeSize);
        var settings = new RunSettings { TileSize = ProbeSize, Sigma = SigmaRange.Of(session.Card) is { } range ? range.Limit(10) : null };
        TiledRunner.Run(session, image, settings);
        var clock = Stopwatch.StartNew();
        TiledRunner.Run(session, image, settings);
        return macs * ProbeSize * ProbeSize / clock.Elapsed.TotalSeconds;
    }

    private void MeasureOne(string key, string path, ModelCard card, ModelSessionCache sessions)
    {
        try
        {
            lock (_one)
            {
                if (MacsPerSecond(card) is null)
                {
                    Record(card, Meter(path, card, sessions));
                }
            }
        }
#pragma warning disable CA1031 // A measurement runs unobserved beside Paint.NET: whatever fails only leaves the model unmeasured.
        catch (Exception)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _failed.Add(key);
            }
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(key);
            }
        }
    }

    private static string? Key(ModelCard card) =>
        card.MacsPerPixel is { } macs ? $"{card.Name}@{macs.ToString("0", System.Globalization.CultureInfo.InvariantCulture)}" : null;

    /// <summary>A smooth gradient with mild texture: what a photo costs (the models' cost does not depend on content).</summary>
    private static Bgra8Image TestPattern(int size)
    {
        var image = new Bgra8Image(size, size);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int i = (y * image.Stride) + (x * 4);
                image.Data[i] = (byte)(x * 255 / size);
                image.Data[i + 1] = (byte)(y * 255 / size);
                image.Data[i + 2] = (byte)(((x ^ y) & 15) * 8 + 64);
                image.Data[i + 3] = 255;
            }
        }

        return image;
    }

    private Dictionary<string, double> Load()
    {
        if (_rates is not null)
        {
            return _rates;
        }

        try
        {
            _rates = System.IO.File.Exists(File) ? JsonSerializer.Deserialize<Dictionary<string, double>>(System.IO.File.ReadAllBytes(File)) ?? [] : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            _rates = []; // unreadable: measured again and rewritten
        }

        return _rates;
    }
}
