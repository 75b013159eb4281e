using AePaint.Imaging;

namespace AePaint.Evaluation.Peers;

/// <summary>
/// A classical denoiser the evaluation runs beside the models: an external program (<see cref="ExternalDenoiser"/>)
/// or a library called in-process (<see cref="OpenCvDenoiser"/>). One that is missing is reported as "not installed"
/// with <see cref="MissingReason"/>, never an error.
/// </summary>
public abstract class DenoisePeer
{
    protected DenoisePeer(string id, string name, string settings)
    {
        Id = id;
        Name = name;
        Settings = settings;
    }

    /// <summary>What `--peers` calls it.</summary>
    public string Id { get; }

    public string Name { get; }

    /// <summary>How σ maps to the peer's parameters, in words.</summary>
    public string Settings { get; }

    public abstract bool Installed { get; }

    /// <summary>The program's or library's version, when it tells.</summary>
    public abstract string? Version { get; }

    /// <summary>Why it cannot run and how to get it, for the report (only meaningful when not installed).</summary>
    public abstract string MissingReason { get; }

    /// <summary>The exact call for σ (null: σ shown as a symbol): a command line or a library call.</summary>
    public abstract string Invocation(double? sigma);

    /// <summary>Denoises <paramref name="noisy"/> with noise level <paramref name="sigma"/> (0..255 units); the wall time of the whole call.</summary>
    public abstract (Bgra8Image Image, double Seconds) Run(Bgra8Image noisy, double sigma, CancellationToken cancel);

    /// <summary>The peers `aepaint eval` knows, in report order.</summary>
    public static IReadOnlyList<string> KnownIds { get; } = ["dctdnoiz", "nlmeans", "patchpca", OpenCvDenoiser.PeerId];

    /// <summary>Default selection: the ones that take about a second per CBSD68 image on 2 cores.</summary>
    public const string DefaultSelection = "dctdnoiz,nlmeans," + OpenCvDenoiser.PeerId;

    /// <summary>
    /// <see cref="Select"/>, plus one line to <paramref name="log"/> per peer that cannot run, saying what is missing
    /// and how to install it (`<paramref name="command"/>: name: not installed: reason; left out`); the rest runs.
    /// </summary>
    public static IReadOnlyList<DenoisePeer> SelectAndReportMissing(string selection, string? searchPath, Action<string>? log, string command)
    {
        var peers = Select(selection, searchPath);
        foreach (var peer in peers.Where(p => !p.Installed))
        {
            log?.Invoke($"{command}: {peer.Name}: not installed: {peer.MissingReason}; left out");
        }

        return peers;
    }

    /// <summary>
    /// The peers named in <paramref name="selection"/> ("all", "none" or a comma list of <see cref="KnownIds"/>);
    /// programs are looked up on <paramref name="searchPath"/> (PATH-style; default the PATH environment variable).
    /// </summary>
    public static IReadOnlyList<DenoisePeer> Select(string selection, string? searchPath = null)
    {
        var ids = selection.Trim().ToLowerInvariant() switch
        {
            "all" => KnownIds,
            "none" or "" => [],
            var s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        var peers = new List<DenoisePeer>();
        foreach (var id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            DenoisePeer? peer = id.Equals(OpenCvDenoiser.PeerId, StringComparison.OrdinalIgnoreCase)
                ? new OpenCvDenoiser()
                : ExternalDenoiser.Create(id, searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty);
            peers.Add(peer ?? throw new EvaluationException($"--peers {id}: unknown peer; use all, none or a comma list of {string.Join(", ", KnownIds)}"));
        }

        return peers;
    }
}
