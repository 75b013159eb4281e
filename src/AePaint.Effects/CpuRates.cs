using System.Diagnostics;
using System.Text.Json;
using AePaint.Imaging;
using AePaint.Imaging.Files;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>
/// How fast this machine's CPU runs each model, measured once per model (<see cref="Probe"/>) and kept in a small
/// file of ours, so the Quality hint can say the expected time for a selection without a constant measured on some
/// other machine. Kept as multiply-accumulates per second, keyed by the card's name and MAC/px (a model replaced by a
/// different net is measured again).
/// </summary>
public sealed class CpuRates(string file)
{
    /// <summary>Side of the square the probe runs (one window): big enough that a run is not all start-up, small enough to be quick.</summary>
    public const int ProbeSize = 256;

    private readonly object _gate = new();
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
    /// Measures the models of <paramref name="paths"/> that have no measurement yet: one <see cref="ProbeSize"/>² run on
    /// the CPU after a warm-up run. A model that cannot be opened is skipped (the run reports it in plain words).
    /// </summary>
    public void Probe(IEnumerable<string> paths, ModelSessionCache sessions, CancellationToken cancel = default)
    {
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            cancel.ThrowIfCancellationRequested();
            try
            {
                var card = ModelCardFile.Read(path).Card;
                if (card.MacsPerPixel is null || MacsPerSecond(card) is not null)
                {
                    continue;
                }

                var session = sessions.Get(path, ExecutionDevice.Cpu);
                var image = TestPattern(ProbeSize);
                var settings = new RunSettings { TileSize = ProbeSize, Sigma = SigmaRange.Of(session.Card) is { } range ? range.Limit(10) : null };
                TiledRunner.Run(session, image, settings, cancel: cancel); // warm-up: the first run allocates
                var clock = Stopwatch.StartNew();
                TiledRunner.Run(session, image, settings, cancel: cancel);
                Record(session.Card, (double)session.Card.MacsPerPixel!.Value * ProbeSize * ProbeSize / clock.Elapsed.TotalSeconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not measured: the hint leaves this model's time out; a model that fails says why when it runs, not in a hint.
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
