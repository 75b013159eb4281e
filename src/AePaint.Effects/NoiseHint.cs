using AePaint.Imaging;
using AePaint.Inference;

namespace AePaint.Effects;

/// <summary>The automatic noise level of what the effect will read, for the dialog ("Noise: auto (≈ 6)").</summary>
public static class NoiseHint
{
    /// <summary>
    /// <see cref="NoiseLevel.Read"/> of the selection's bounds (clipped to the layer; its central
    /// <see cref="NoiseLevel.MaxCrop"/>² at most, as the estimate reads no more), or null for an empty selection.
    /// The run itself estimates on the selection plus the model's margin, so the two can differ slightly.
    /// </summary>
    public static NoiseReading? Estimate(IPixelSource source, Rect selection)
    {
        var area = selection.Intersect(new Rect(0, 0, source.Width, source.Height));
        if (area.IsEmpty)
        {
            return null;
        }

        int w = Math.Min(area.Width, NoiseLevel.MaxCrop), h = Math.Min(area.Height, NoiseLevel.MaxCrop);
        var crop = new Bgra8Image(w, h);
        source.Read(new Rect(area.X + ((area.Width - w) / 2), area.Y + ((area.Height - h) / 2), w, h), crop.Data, crop.Stride);
        return NoiseLevel.Read(crop);
    }

    /// <summary>The automatic-σ checkbox text for a reading: as below, or "Noise: auto (≈ 0.6, nothing to remove)".</summary>
    public static string Label(NoiseReading? reading, IEnumerable<ModelChoice> choices) => reading switch
    {
        null => "Noise: auto",
        { NothingToRemove: true } => $"Noise: auto ({reading.Short()})",
        _ => Label(reading.Sigma, choices),
    };

    /// <summary>
    /// The automatic-σ checkbox text: "Noise: auto (≈ 6)", or with an estimate beyond what the listed models were
    /// trained for, what they are told instead: "Noise: auto (≈ 60 → 55, the model's limit)".
    /// </summary>
    public static string Label(float sigma, IEnumerable<ModelChoice> choices)
    {
        var limits = choices
            .Where(c => !c.IsAuto)
            .SelectMany(c => c.Cards)
            .Select(c => (c.Name, Range: SigmaRange.Of(c)))
            .Where(c => c.Range is not null)
            .Select(c => (c.Name, Told: MathF.Round(c.Range!.Value.Limit(sigma))))
            .ToArray();
        var limited = limits.Where(l => l.Told != MathF.Round(sigma)).ToArray();
        string estimate = Level(sigma);
        if (limited.Length == 0)
        {
            return $"Noise: auto (≈ {estimate})";
        }

        if (limited.Length == limits.Length && limited.All(l => l.Told == limited[0].Told))
        {
            return $"Noise: auto (≈ {estimate} → {Level(limited[0].Told)}, the {(limits.Length == 1 ? "model's limit" : "models' limit")})";
        }

        return $"Noise: auto (≈ {estimate}; {string.Join(", ", limited.Select(l => $"{l.Name} is told {Level(l.Told)}, its limit"))})";
    }

    private static string Level(float sigma) => sigma.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
