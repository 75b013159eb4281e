using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>
/// AI Denoise's manual noise-level control. Its range is the σ every listed model with a noise-level input was
/// trained for (their cards' <see cref="SigmaRange"/>, intersected), so whichever model is chosen (Auto included)
/// accepts every value the slider offers. IndirectUI cannot change a slider's range when another model is chosen,
/// hence the intersection rather than a per-model range.
/// </summary>
public sealed record NoiseLevelSlider(int Min, int Max, int Default, string Description)
{
    /// <summary>What a slider spans when no listed model takes a noise level: σ's whole 8-bit scale (the value is unused).</summary>
    private const int ScaleMax = 255;

    private const string Manual = "Used when the automatic estimate is off; 8-bit levels";

    public static NoiseLevelSlider For(IEnumerable<ModelChoice> choices)
    {
        var cards = choices.Where(c => !c.IsAuto).SelectMany(c => c.Cards).Where(c => c.NoiseMap != null).ToArray();
        if (cards.Length == 0)
        {
            return Span(0, ScaleMax, "No installed denoise model takes a noise level: this setting has no effect.");
        }

        if (SigmaRange.Common(cards) is { } common && Span(common, string.Empty) is { } slider)
        {
            string whose = cards.Length == 1 ? $"the range {cards[0].Name} was trained for" : "the range every installed model was trained for";
            return slider with { Description = $"{Manual}; {common}, {whose}." };
        }

        // Installed models share no σ: the first listed (the default) sets the range; the others refuse what they were not trained for.
        var first = SigmaRange.Of(cards[0])!.Value;
        var refusing = cards.Skip(1).Select(c => (c.Name, Range: SigmaRange.Of(c)!.Value))
            .Where(c => c.Range.Min > first.Min || c.Range.Max < first.Max)
            .Select(c => $"{c.Name} ({c.Range})");
        return Span(first, $"{Manual}; {first}, the range {cards[0].Name} was trained for. Not every model accepts all of it: {string.Join(", ", refusing)}.")
            ?? Span(0, ScaleMax, $"{Manual}.");
    }

    /// <summary>Whole levels inside <paramref name="range"/>; null when it holds none.</summary>
    private static NoiseLevelSlider? Span(SigmaRange range, string description)
    {
        int min = (int)Math.Ceiling(range.Min), max = (int)Math.Floor(range.Max);
        return min <= max ? Span(min, max, description) : null;
    }

    private static NoiseLevelSlider Span(int min, int max, string description) =>
        new(min, max, Math.Clamp((int)SettingLimits.SigmaDefault, min, max), description);
}
