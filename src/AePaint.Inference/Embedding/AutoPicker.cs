using System.Globalization;
using AePaint.Imaging;
using AePaint.Inference.Cards;

namespace AePaint.Inference.Embedding;

/// <summary>
/// Chooses among the installed models of one task (and scale) the one whose training domain is nearest to the image:
/// the embedder's embedding of the image against each card's <see cref="DomainEmbedding"/>, distance divided by that
/// domain's spread. Falls back to the general model (the pair's default, <see cref="ModelPair.DefaultName"/>: denoise-fast, sr-x2-fast, …; else the first by name) when
/// no card has a domain, no embedder that made those domains is installed, or the nearest domain is farther than
/// <see cref="MaxDistance"/> spreads (the image is outside every training domain). Before any of that, a model
/// trained on this photo's camera noise (--calibrate: the card's camera and ISO range) is preselected when the
/// photo's EXIF names that camera at an ISO within the range (half a stop of slack either side).
/// </summary>
public sealed class AutoPicker
{
    /// <summary>Beyond this many spreads an image is treated as outside a domain (a typical training photo is at ~1).</summary>
    public const double DefaultMaxDistance = 3.0;

    private readonly IReadOnlyList<AutoCandidate> _measured;
    private readonly AutoCandidate[] _cameraModels;

    public AutoPicker(IReadOnlyList<AutoCandidate> candidates, ModelTask task, int scale, IReadOnlyList<EmbedderInfo> embedders, double maxDistance = DefaultMaxDistance)
    {
        var what = task == ModelTask.Denoise ? "denoise" : $"×{scale} super-resolution";
        if (candidates.Count == 0)
        {
            throw new ModelLoadException("auto", $"no {what} model is installed to choose from");
        }

        MaxDistance = maxDistance;
        _cameraModels = [.. candidates.Where(c => c.Card.Training is { Camera: not null, IsoMin: not null, IsoMax: not null })];
        var general = ModelPair.DefaultName(task, scale);
        General = candidates.FirstOrDefault(c => string.Equals(c.Card.Name, general, StringComparison.OrdinalIgnoreCase))
            ?? candidates.OrderBy(c => c.Card.Name, StringComparer.OrdinalIgnoreCase).First();
        var withDomain = candidates.Where(c => c.Card.Domain is not null).ToArray();
        Embedder = embedders
            .Select(e => (Embedder: e, Count: withDomain.Count(c => c.Card.Domain!.MadeBy(e.Name, e.Hash))))
            .Where(e => e.Count > 0)
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.Embedder.Name, StringComparer.OrdinalIgnoreCase)
            .Select(e => e.Embedder)
            .FirstOrDefault();
        _measured = Embedder is { } em ? withDomain.Where(c => c.Card.Domain!.MadeBy(em.Name, em.Hash)).ToArray() : [];
        if (withDomain.Length == 0)
        {
            FallbackReason = $"no {what} model's card has a training-domain embedding (add one with `aepaint models embed <model> --data <photos>`)";
        }
        else if (embedders.Count == 0)
        {
            FallbackReason = "no embedder (a model of task \"embed\") is installed";
        }
        else if (Embedder is null)
        {
            var named = string.Join(", ", withDomain.Select(c => $"{c.Card.Domain!.Embedder} {c.Card.Domain!.EmbedderHash}").Distinct());
            FallbackReason = $"the embedder the cards were measured with ({named}) is not installed";
        }
    }

    /// <summary>The model used whenever no domain decides.</summary>
    public AutoCandidate General { get; }

    /// <summary>The embedder whose domains the cards carry (most cards win); null = every pick falls back.</summary>
    public EmbedderInfo? Embedder { get; }

    /// <summary>Why no image can be matched (set when <see cref="Embedder"/> is null).</summary>
    public string? FallbackReason { get; }

    public double MaxDistance { get; }

    /// <summary>An auto picker over a catalog listing: usable models of the task/scale, every usable embedder.</summary>
    public static AutoPicker FromCatalog(IEnumerable<CatalogEntry> installed, ModelTask task, int scale, double maxDistance = DefaultMaxDistance)
    {
        var list = installed.Where(e => e.Card is { } c && c.Problems().Count == 0).ToArray();
        var candidates = list
            .Where(e => e.Card!.Task == task && (task != ModelTask.SuperResolution || e.Card.Scale == scale))
            .Select(e => new AutoCandidate(e.Path, e.Card!))
            .ToArray();
        var embedders = list
            .Where(e => e.Card!.Task == ModelTask.Embed)
            .Select(e => new EmbedderInfo(e.Path, e.Card!.Name, ModelFingerprint.OfFile(e.Path)))
            .ToArray();
        return new AutoPicker(candidates, task, scale, embedders, maxDistance);
    }

    /// <summary>True when some candidate was trained on a named camera's noise (so the photo's EXIF is worth reading).</summary>
    public bool HasCameraModels => _cameraModels.Length > 0;

    /// <summary>
    /// Chooses for <paramref name="image"/> by embedding it with <see cref="Embedder"/> (opened by
    /// <paramref name="openEmbedder"/>), else the fallback. Callers try <see cref="ForCamera"/> first, before any pixels are read.
    /// </summary>
    public AutoPick Pick(Bgra8Image image, Func<string, ModelSession> openEmbedder, CancellationToken cancel = default) =>
        Choose(Embedder is { } e ? ImageEmbedding.Compute(openEmbedder(e.Path), image, cancel) : null);

    /// <summary>The model trained on this camera's noise at about this ISO (nearest range centre on a log scale), or null.</summary>
    public AutoPick? ForCamera(ShotInfo? shot)
    {
        if (shot is not { Camera: { } camera, Iso: { } iso })
        {
            return null;
        }

        const double Slack = 1.4142135623730951; // half a stop
        var match = _cameraModels
            .Where(c => string.Equals(c.Card.Training!.Camera, camera, StringComparison.OrdinalIgnoreCase)
                && iso >= c.Card.Training.IsoMin!.Value / Slack && iso <= c.Card.Training.IsoMax!.Value * Slack)
            .OrderBy(c => Math.Abs(Math.Log(iso) - (0.5 * (Math.Log(c.Card.Training!.IsoMin!.Value) + Math.Log(c.Card.Training.IsoMax!.Value)))))
            .FirstOrDefault();
        return match is null ? null : new AutoPick(match.Path, match.Card,
            $"trained on this camera's noise: {match.Card.Training!.Camera}, ISO {match.Card.Training.IsoMin}–{match.Card.Training.IsoMax}; this photo ISO {iso}", false, []);
    }

    /// <summary>Chooses for an embedding made by <see cref="Embedder"/> (null: fall back).</summary>
    public AutoPick Choose(float[]? embedding)
    {
        if (embedding is null || _measured.Count == 0)
        {
            return new AutoPick(General.Path, General.Card, FallbackReason ?? "no embedding of the image", true, []);
        }

        var distances = _measured
            .Select(c => (Candidate: c, Distance: c.Card.Domain!.Centroid.Length == embedding.Length ? c.Card.Domain.NormalizedDistance(embedding) : double.PositiveInfinity))
            .OrderBy(d => d.Distance)
            .ToArray();
        var list = distances.Select(d => (d.Candidate.Card.Name, d.Distance)).ToArray();
        var text = string.Join(", ", list.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name} {d.Distance:F2}")));
        var nearest = distances[0];
        if (nearest.Distance > MaxDistance && !ReferenceEquals(nearest.Candidate, General))
        {
            return new AutoPick(General.Path, General.Card, string.Create(CultureInfo.InvariantCulture, $"the image is outside every training domain (nearest {nearest.Candidate.Card.Name} at {nearest.Distance:F2} spreads > {MaxDistance:0.#}; distances {text})"), true, list);
        }

        return new AutoPick(nearest.Candidate.Path, nearest.Candidate.Card, $"nearest training domain (distance in spreads: {text})", false, list);
    }
}
