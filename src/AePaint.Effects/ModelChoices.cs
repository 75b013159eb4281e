using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>The installed models a dialog offers, from their cards.</summary>
public static class ModelChoices
{
    /// <summary>Usable models of <paramref name="task"/>, the default one (denoise-general, sr-x2-general, …) first, then by scale and name.</summary>
    public static IReadOnlyList<ModelChoice> For(ModelTask task, IEnumerable<CatalogEntry> installed)
    {
        return installed
            .Where(e => e.Card is { } c && c.Task == task && c.Problems().Count == 0)
            .Select(e => new ModelChoice(e.Path, e.Card!))
            .OrderBy(c => string.Equals(c.Card.Name, ModelPair.DefaultName(task, Math.Max(2, c.Card.Scale)), StringComparison.OrdinalIgnoreCase) && (task == ModelTask.Denoise || c.Card.Scale == 2) ? 0 : 1)
            .ThenBy(c => c.Card.Scale)
            .ThenBy(c => c.Card.Name, StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    /// <summary>What the dialog says when the list is empty (the effect then reports the same text as an error).</summary>
    public static string NoneInstalled(ModelTask task, IEnumerable<string> folders) =>
        $"No {(task == ModelTask.Denoise ? "denoise" : "super-resolution")} model is installed. Put a model (.onnx) in one of: {string.Join("; ", folders)}.";
}
