using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>The installed models a dialog offers, from their cards.</summary>
public static class ModelChoices
{
    /// <summary>
    /// Usable models of <paramref name="task"/>, the default one (denoise-fast, sr-x2-fast, …) first, then by scale
    /// and name. The Best model of a pair (denoise-general, sr-x2-general) is not listed beside its Fast one: it rides
    /// on the Fast one's entry, and the Quality choice picks it.
    /// </summary>
    public static IReadOnlyList<ModelChoice> For(ModelTask task, IEnumerable<CatalogEntry> installed)
    {
        var usable = installed.Where(e => e.Card is { } c && c.Task == task && c.Problems().Count == 0).ToArray();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var later = usable.Where(e => !seen.Add(e.Card!.Name)).ToHashSet(); // same card name as a model found earlier (the catalog's order: shipped first)
        var bestOf = new Dictionary<CatalogEntry, CatalogEntry>(); // Fast entry → its installed Best
        foreach (var fast in usable.Where(e => !later.Contains(e)))
        {
            var pair = ModelPair.For(task, fast.Card!.Scale);
            if (pair.HasBest && Named(fast, pair.Fast) && usable.FirstOrDefault(e => e.Card!.Scale == fast.Card.Scale && Named(e, pair.Best)) is { } best)
            {
                bestOf[fast] = best;
            }
        }

        return usable
            .Where(e => !bestOf.ContainsValue(e))
            .Select(e => new ModelChoice(e.Path, e.Card!) { Best = bestOf.GetValueOrDefault(e), SameNameAsEarlier = later.Contains(e) })
            .OrderBy(c => !c.SameNameAsEarlier && Named(c.Card.Name, ModelPair.DefaultName(task, Math.Max(2, c.Card.Scale))) && (task == ModelTask.Denoise || c.Card.Scale == 2) ? 0 : 1)
            .ThenBy(c => c.Card.Scale)
            .ThenBy(c => c.Card.Name, StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    /// <summary>What the dialog says when the list is empty (the effect then reports the same text as an error).</summary>
    public static string NoneInstalled(ModelTask task, IEnumerable<string> folders) =>
        $"No {(task == ModelTask.Denoise ? "denoise" : "super-resolution")} model is installed. Put a model (.onnx) in one of: {string.Join("; ", folders)}.";

    private static bool Named(CatalogEntry e, string name) => Named(e.Card!.Name, name);

    private static bool Named(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
