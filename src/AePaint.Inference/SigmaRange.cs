using System.Globalization;
using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>
/// The noise levels σ (0..255 units) a model was trained for. The card's <see cref="NoiseMapSpec"/> is the only
/// source: the engine refuses a told σ outside it, hosts validate or offer only values inside it, and an automatic
/// estimate above it is limited to it.
/// </summary>
public readonly record struct SigmaRange(float Min, float Max)
{
    /// <summary>The card's range; null for a model without a noise-level input (it is told no σ).</summary>
    public static SigmaRange? Of(ModelCard card) => card.NoiseMap is { } nm ? new SigmaRange(nm.SigmaMin, nm.SigmaMax) : null;

    /// <summary>The levels every one of <paramref name="cards"/> with a noise-level input accepts; null when none has one or they share no level.</summary>
    public static SigmaRange? Common(IEnumerable<ModelCard> cards)
    {
        SigmaRange? common = null;
        foreach (var range in cards.Select(Of).OfType<SigmaRange>())
        {
            var next = common is { } c ? new SigmaRange(Math.Max(c.Min, range.Min), Math.Min(c.Max, range.Max)) : range;
            if (next.Min > next.Max)
            {
                return null;
            }

            common = next;
        }

        return common;
    }

    public bool Contains(float sigma) => sigma >= Min && sigma <= Max;

    /// <summary>An automatic estimate brought into the range (estimates, unlike told values, may fall outside it).</summary>
    public float Limit(float sigma) => Math.Clamp(sigma, Min, Max);

    /// <summary>"model denoise-fast is trained for σ 0–55": why a told σ is refused, in every host's message.</summary>
    public string Refusal(string modelName) => $"model {modelName} is trained for {this}";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"σ {Min:0.##}–{Max:0.##}");
}
