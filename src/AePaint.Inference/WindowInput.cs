using AePaint.Imaging;
using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>What a model's graph reads for one window: the colour mapped to the card's value range, then the noise-level plane.</summary>
public static class WindowInput
{
    /// <param name="colour">The window's colour in [0, 1] model colour space.</param>
    /// <param name="window">The graph input (the card's graph input channels, same size); overwritten.</param>
    /// <param name="sigma">σ in 0..255 units for models with a noise-level input.</param>
    public static void Write(ModelCard card, PlanarImage colour, PlanarImage window, float? sigma)
    {
        float lo = card.ValueRange[0], span = card.ValueRange[1] - lo;
        var src = colour.Data;
        var dst = window.Data;
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = lo + (src[i] * span);
        }

        if (card.NoiseMap is { } nm && sigma is { } s)
        {
            dst.AsSpan(src.Length).Fill(s / nm.Divisor);
        }
    }
}
