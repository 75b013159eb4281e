using AePaint.Imaging;
using AePaint.Inference.Cards;

namespace AePaint.Inference.Embedding;

/// <summary>
/// An image's embedding: the mean of an embedder's outputs over a fixed grid of patches at the image's own pixel
/// scale (restoration models care about pixel-level texture and noise, so nothing is resized). At most
/// <see cref="MaxPatchesPerSide"/>² patches, spread edge to edge, so the cost is bounded on any image size and a
/// small crop moves every patch only a little.
/// </summary>
public static class ImageEmbedding
{
    public const int MaxPatchesPerSide = 8;

    /// <summary>Patch side when the embedder's graph does not fix its input size.</summary>
    public const int DefaultPatch = 64;

    /// <summary>The patch side an embedder takes: its graph's fixed input width, else <see cref="DefaultPatch"/>.</summary>
    public static int PatchSize(ModelSession embedder) => embedder.FixedWidth ?? DefaultPatch;

    /// <summary>Top-left corners of the patches: up to <paramref name="perSide"/> per side, first and last touching the image edges (reflect-padded when the image is smaller).</summary>
    public static IReadOnlyList<(int X, int Y)> Grid(int width, int height, int patch, int perSide = MaxPatchesPerSide)
    {
        var xs = Axis(width, patch, perSide);
        var ys = Axis(height, patch, perSide);
        return ys.SelectMany(y => xs.Select(x => (x, y))).ToArray();
    }

    /// <summary>The mean patch embedding of <paramref name="image"/> (alpha ignored).</summary>
    public static float[] Compute(ModelSession embedder, Bgra8Image image, CancellationToken cancel = default)
    {
        var card = embedder.Card;
        if (card.Task != ModelTask.Embed)
        {
            throw new ArgumentException($"{card.Name} is a {card.Task} model, not an embedder", nameof(embedder));
        }

        int patch = PatchSize(embedder);
        var window = new PlanarImage(card.InputChannels, patch, patch);
        var sum = new double[card.OutputChannels];
        var grid = Grid(image.Width, image.Height, patch);
        foreach (var (x, y) in grid)
        {
            cancel.ThrowIfCancellationRequested();
            PixelConversion.ReadWindow(image, x, y, window, linear: card.ColorSpace == "linear");
            var output = embedder.Run(window).Data;
            if (output.Length != sum.Length)
            {
                throw new InvalidOperationException($"{card.Name}: embedder gave {output.Length} values, its card says {sum.Length}");
            }

            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += output[i];
            }
        }

        return sum.Select(v => (float)(v / grid.Count)).ToArray();
    }

    /// <summary>Cosine similarity of two embeddings (1 = same direction).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += a[i] * (double)b[i];
            aa += a[i] * (double)a[i];
            bb += b[i] * (double)b[i];
        }

        return ab / Math.Sqrt(Math.Max(aa * bb, 1e-30));
    }

    private static int[] Axis(int length, int patch, int perSide)
    {
        int n = Math.Clamp(length / patch, 1, perSide);
        if (n == 1)
        {
            return [(length - patch) / 2];
        }

        return Enumerable.Range(0, n).Select(i => (int)Math.Round(i * (length - patch) / (double)(n - 1))).ToArray();
    }
}
