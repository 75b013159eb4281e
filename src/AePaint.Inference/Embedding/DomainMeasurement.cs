using AePaint.Imaging;
using AePaint.Inference.Cards;

namespace AePaint.Inference.Embedding;

/// <summary>
/// Measures a model's training domain (<see cref="DomainEmbedding"/>) from photos: used by `aepaint models embed` and by
/// the trainer at export. Files are decoded by the caller (this library has no codecs).
/// </summary>
public static class DomainMeasurement
{
    /// <summary>Photos embedded at most (evenly spaced over the sorted list): bounds the cost on large folders.</summary>
    public const int DefaultMaxPhotos = 200;

    /// <summary>Card name preferred when several embedders are installed and none is named.</summary>
    public const string DefaultEmbedderName = "embed-general";

    /// <summary>At most <paramref name="max"/> paths, evenly spaced, first included; order kept.</summary>
    public static IReadOnlyList<string> Subsample(IReadOnlyList<string> paths, int max)
    {
        if (paths.Count <= max)
        {
            return paths;
        }

        return Enumerable.Range(0, max).Select(i => paths[(int)((long)i * paths.Count / max)]).ToArray();
    }

    /// <summary>
    /// Embeds each photo (<paramref name="load"/> returns null for one it cannot read: skipped) and summarises them.
    /// Throws <see cref="InvalidDataException"/> when no photo could be embedded.
    /// </summary>
    public static DomainEmbedding Measure(ModelSession embedder, IReadOnlyList<string> photos, Func<string, Bgra8Image?> load, string? data, int maxPhotos = DefaultMaxPhotos, CancellationToken cancel = default)
    {
        var embeddings = new List<float[]>();
        foreach (var path in Subsample(photos, maxPhotos))
        {
            cancel.ThrowIfCancellationRequested();
            if (load(path) is { } image)
            {
                embeddings.Add(ImageEmbedding.Compute(embedder, image, cancel));
            }
        }

        if (embeddings.Count == 0)
        {
            throw new InvalidDataException($"none of the {photos.Count} photos could be read, so there is no domain to measure");
        }

        return DomainEmbedding.FromEmbeddings(embeddings, embedder.Card.Name, embedder.Fingerprint, data);
    }

    /// <summary>
    /// The embedder to use: <paramref name="nameOrPath"/> when given, else the only installed model of task embed (or
    /// <see cref="DefaultEmbedderName"/> among several). Null when none is installed.
    /// </summary>
    public static string? FindEmbedder(ModelCatalog catalog, string? nameOrPath)
    {
        if (nameOrPath is not null)
        {
            return catalog.Resolve(nameOrPath);
        }

        var embedders = catalog.List().Where(e => e.Card is { Task: ModelTask.Embed }).ToArray();
        return (embedders.FirstOrDefault(e => string.Equals(e.Card!.Name, DefaultEmbedderName, StringComparison.OrdinalIgnoreCase))
            ?? embedders.OrderBy(e => e.Card!.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault())?.Path;
    }
}
