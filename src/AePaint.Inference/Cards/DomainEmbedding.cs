using System.Text.Json.Serialization;

namespace AePaint.Inference.Cards;

/// <summary>
/// A model's training domain as an embedder sees it: the mean (centroid) of its training photos' embeddings and their
/// spread (root-mean-square distance from the centroid). Only comparable with embeddings from the very same embedder,
/// hence its name and weights fingerprint (<see cref="Embedding.ModelFingerprint"/>) are stored beside them.
/// </summary>
public sealed record DomainEmbedding
{
    /// <summary>Card name of the embedder that produced the numbers.</summary>
    public required string Embedder { get; init; }

    /// <summary>Fingerprint of the embedder's graph and weights (not its card), e.g. "sha256:3fa1…".</summary>
    public required string EmbedderHash { get; init; }

    public required float[] Centroid { get; init; }

    /// <summary>sqrt(mean ‖e − centroid‖²) over the photos; distances are divided by it.</summary>
    public double Spread { get; init; }

    /// <summary>How many photos the centroid averages.</summary>
    public int Photos { get; init; }

    /// <summary>The photo folder(s) it was computed from (names only, as in the training provenance).</summary>
    public string? Data { get; init; }

    /// <summary>Distance of an embedding from the centroid in units of <see cref="Spread"/> (1 ≈ a typical training photo).</summary>
    public double NormalizedDistance(ReadOnlySpan<float> embedding)
    {
        if (embedding.Length != Centroid.Length)
        {
            throw new ArgumentException($"embedding has {embedding.Length} values, the centroid {Centroid.Length}", nameof(embedding));
        }

        double sum = 0;
        for (int i = 0; i < embedding.Length; i++)
        {
            double d = embedding[i] - Centroid[i];
            sum += d * d;
        }

        return Math.Sqrt(sum) / Spread;
    }

    /// <summary>True when <paramref name="name"/> and <paramref name="hash"/> identify the embedder these numbers came from.</summary>
    public bool MadeBy(string name, string hash) =>
        string.Equals(Embedder, name, StringComparison.OrdinalIgnoreCase) && string.Equals(EmbedderHash, hash, StringComparison.OrdinalIgnoreCase);

    /// <summary>Centroid and spread of the photos' embeddings; the spread is floored so that one photo still gives a usable domain.</summary>
    public static DomainEmbedding FromEmbeddings(IReadOnlyList<float[]> embeddings, string embedder, string embedderHash, string? data)
    {
        if (embeddings.Count == 0)
        {
            throw new ArgumentException("no embeddings to summarise", nameof(embeddings));
        }

        int n = embeddings[0].Length;
        var mean = new double[n];
        foreach (var e in embeddings)
        {
            if (e.Length != n)
            {
                throw new ArgumentException("embeddings differ in length", nameof(embeddings));
            }

            for (int i = 0; i < n; i++)
            {
                mean[i] += e[i] / (double)embeddings.Count;
            }
        }

        double sq = embeddings.Sum(e => e.Select((v, i) => (v - mean[i]) * (v - mean[i])).Sum()) / embeddings.Count;
        double norm = Math.Sqrt(mean.Sum(v => v * v));

        // Why a floor: a single photo (or identical ones) has spread 0, which would make every other image infinitely far.
        double spread = Math.Max(Math.Sqrt(sq), Math.Max(1e-3 * norm, 1e-6));
        return new DomainEmbedding
        {
            Embedder = embedder,
            EmbedderHash = embedderHash,
            Centroid = mean.Select(v => (float)v).ToArray(),
            Spread = Math.Round(spread, 6),
            Photos = embeddings.Count,
            Data = data,
        };
    }

    [JsonIgnore]
    public int Dimensions => Centroid.Length;

    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Embedder) || string.IsNullOrWhiteSpace(EmbedderHash))
        {
            return "domain embedding names no embedder";
        }

        if (Centroid is not { Length: > 0 } || Centroid.Any(v => !float.IsFinite(v)))
        {
            return "domain embedding centroid is empty or not finite";
        }

        return Spread > 0 && double.IsFinite(Spread) ? null : $"domain embedding spread {Spread} is not positive";
    }
}
