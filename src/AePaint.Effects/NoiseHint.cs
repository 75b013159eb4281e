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

    /// <summary>The automatic-σ checkbox text: "Noise: auto (≈ 6)", "Noise: auto (≈ 0.6, nothing to remove)".</summary>
    public static string Label(NoiseReading? reading) => reading is null ? "Noise: auto" : $"Noise: auto ({reading.Short()})";
}
