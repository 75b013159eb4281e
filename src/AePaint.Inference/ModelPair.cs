using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>
/// The shipped models of a task behind the quality choice (CLI <c>--quality</c>, the dialogs' Quality): Fast is the
/// default everywhere, so the time budgets and targets measured on the small nets hold for a default run. Denoise:
/// Fast = denoise-fast, Best = denoise-general (the quality net, ~4× the arithmetic). Super-resolution ×2: Fast =
/// sr-x2-fast, Best = sr-x2-general (the quality net, ~2× the arithmetic); other scales have one model for both,
/// sr-x{s}-fast, until a quality net of that scale ships.
/// </summary>
public sealed record ModelPair(string Fast, string Best)
{
    public const ModelQuality DefaultQuality = ModelQuality.Fast;

    public static ModelPair For(ModelTask task, int scale) => task switch
    {
        ModelTask.Denoise => new ModelPair("denoise-fast", "denoise-general"),
        _ when scale == 2 => new ModelPair("sr-x2-fast", "sr-x2-general"),
        _ => new ModelPair($"sr-x{scale}-fast", $"sr-x{scale}-fast"),
    };

    /// <summary>The model a task runs when none is named: the Fast one.</summary>
    public static string DefaultName(ModelTask task, int scale) => For(task, scale).Name(DefaultQuality);

    /// <summary>True when Best is a different model from Fast (denoise and super-resolution ×2 today).</summary>
    public bool HasBest => !string.Equals(Fast, Best, StringComparison.OrdinalIgnoreCase);

    public string Name(ModelQuality quality) => quality == ModelQuality.Best ? Best : Fast;

    /// <summary>
    /// The model to run for <paramref name="quality"/>: Best when asked and installed, else Fast with the one line
    /// that says so (<paramref name="installed"/> tells whether a model name is installed).
    /// </summary>
    public (string Name, string? Fallback) Choose(ModelQuality quality, Func<string, bool> installed) =>
        quality == ModelQuality.Best && HasBest && !installed(Best)
            ? (Fast, MissingBest())
            : (Name(quality), null);

    /// <summary>"the Best model denoise-general is not installed: running the Fast one, denoise-fast".</summary>
    public string MissingBest() => $"the Best model {Best} is not installed: running the Fast one, {Fast}";

    /// <summary>"fast", "best" or "fast and best" (one model for both): what a model is in its task's pair; null when it is in none.</summary>
    public string? RoleOf(string name) =>
        !HasBest && string.Equals(name, Fast, StringComparison.OrdinalIgnoreCase) ? "fast and best"
        : string.Equals(name, Fast, StringComparison.OrdinalIgnoreCase) ? "fast"
        : string.Equals(name, Best, StringComparison.OrdinalIgnoreCase) ? "best"
        : null;
}
