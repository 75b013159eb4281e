using System.Globalization;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Evaluation;

/// <summary>What every `aepaint eval` task takes.</summary>
public sealed record EvalSettings
{
    public required string SetDir { get; init; }

    /// <summary>Model names or .onnx paths; empty = baselines (and peers) only.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;

    public int? Tile { get; init; }

    /// <summary>Self-ensemble passes per model run (1 = the model as the plugin runs it by default).</summary>
    public int Passes { get; init; } = 1;

    public bool Ssim { get; init; } = true;

    /// <summary>Only the first N images (by sorted name; seeds stay the full-set indices).</summary>
    public int? Limit { get; init; }

    /// <summary>Denoise peers: all, none or a comma list (see <see cref="DenoisePeer.KnownIds"/>).</summary>
    public string Peers { get; init; } = DenoisePeer.DefaultSelection;

    /// <summary>Where to look for the peers' programs (PATH-style); null = PATH.</summary>
    public string? PeerSearchPath { get; init; }

    /// <summary>The command line as typed, for the report.</summary>
    public string Command { get; init; } = "aepaint eval";

    /// <summary>Progress lines (one per condition and method); null = quiet.</summary>
    public TextWriter? Log { get; init; }
}

/// <summary>A model opened for evaluation, with the words the report uses for it.</summary>
public sealed class EvalModel : IDisposable
{
    private EvalModel(string path, ModelSession session)
    {
        Path = path;
        Session = session;
    }

    public string Path { get; }

    public ModelSession Session { get; }

    public ModelCard Card => Session.Card;

    public string Name => Card.Name;

    public static IReadOnlyList<EvalModel> OpenAll(IReadOnlyList<string> namesOrPaths, ExecutionDevice device)
    {
        var catalog = ModelCatalog.Default();
        var models = new List<EvalModel>();
        try
        {
            foreach (var m in namesOrPaths)
            {
                var path = catalog.Resolve(m);
                models.Add(new EvalModel(path, ModelSession.Open(path, device)));
            }
        }
        catch
        {
            models.ForEach(m => m.Dispose());
            throw;
        }

        return models;
    }

    /// <summary>The report's name for this model: with self-ensemble passes it is a different method.</summary>
    public string Label(EvalSettings s) => s.Passes == 1 ? Name : $"{Name} ×{s.Passes} passes";

    public string Describe(EvalSettings s)
    {
        var c = Card;
        var parts = new List<string> { $"`{System.IO.Path.GetFileName(Path)}`" };
        if (c.Architecture is { } a)
        {
            parts.Add(a);
        }

        if (c.Parameters is { } p)
        {
            parts.Add(p.ToString("N0", CultureInfo.InvariantCulture) + " params");
        }

        if (c.MacsPerPixel is { } macs)
        {
            parts.Add(macs.ToString("N0", CultureInfo.InvariantCulture) + " MAC/px");
        }

        if (c.Training?.Steps is { } steps)
        {
            parts.Add($"{steps.ToString(CultureInfo.InvariantCulture)} training steps");
        }

        parts.Add($"{Session.Provider}, tile {s.Tile ?? RunSettings.DefaultTileSize}");
        if (s.Passes > 1)
        {
            parts.Add($"self-ensemble of {s.Passes} flips/turns");
        }

        return string.Join(", ", parts);
    }

    public void Dispose() => Session.Dispose();
}

/// <summary>Pieces shared by the eval tasks.</summary>
public static class EvalCommon
{
    /// <summary>An 8-bit result as the protocol scores it against a clean image of 1 (gray file) or 3 planes in [0, 1].</summary>
    public static PlanarImage Planar01(Bgra8Image image, bool grayFile)
    {
        if (!grayFile)
        {
            return PixelConversion.ToPlanar(image);
        }

        var y = ProtocolScores.Luma(image, grayFile: true);
        var d = y.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] /= 255f;
        }

        return y;
    }

    /// <summary>Runs a method on every image (in parallel only when nothing is timed) and returns the scores in image order.</summary>
    public static ImageScore[] ForEachImage(int count, bool timed, CancellationToken cancel, Func<int, ImageScore> score)
    {
        var results = new ImageScore[count];
        if (timed)
        {
            for (int i = 0; i < count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                results[i] = score(i);
            }
        }
        else
        {
            ParallelFor(count, cancel, i => results[i] = score(i));
        }

        return results;
    }

    /// <summary>Parallel.For that rethrows the first failure itself (not an AggregateException), so it reaches the user as one line.</summary>
    public static void ParallelFor(int count, CancellationToken cancel, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancel }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> for a method and records its scores; a model or peer that fails on the set (wrong
    /// kind of image, program error) gets "failed: reason" instead of ending the whole evaluation.
    /// </summary>
    public static void Record(MethodResult method, TextWriter? log, string condition, Func<IEnumerable<ImageScore>> run)
    {
        try
        {
            method.Images.AddRange(run());
        }
        catch (Exception e) when (e is EvaluationException or ArgumentException or InvalidOperationException or ImageFiles.ImageFileException or IOException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            method.Images.Clear();
            method.Status = "failed: " + e.Message.Split('\n')[0];
        }

        log?.WriteLine($"eval: {condition}: {method.Name}: {(method.Status == MethodResult.Ok ? method.MeanPsnr?.ToString("F2", CultureInfo.InvariantCulture) + " dB" : method.Status)}");
    }

    /// <summary>A peer's settings for the report: its parameters, version and exact call (σ given or symbolic).</summary>
    public static string Describe(DenoisePeer peer, double? sigma) =>
        peer.Installed
            ? $"{peer.Settings}; {peer.Version ?? peer.Id}; `{peer.Invocation(sigma)}`"
            : $"{peer.MissingReason}; would run `{peer.Invocation(sigma)}`";

    public static string CommonProtocolTimes(bool anyModel, bool anyPeer) =>
        "times: wall clock per image" + (anyModel ? "; models through the tiled engine (session opened and probed before timing)" : string.Empty)
        + (anyPeer ? "; program peers include process start-up and PNG write/read of temp files (OpenCV runs in-process)" : string.Empty) + ".";
}
