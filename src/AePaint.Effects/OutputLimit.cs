namespace AePaint.Effects;

/// <summary>
/// The largest result AePaint can hold: one BGRA8 image is one .NET array, so width × height × 4 bytes must stay within
/// <see cref="Array.MaxLength"/> (≈ 536 megapixels, i.e. a ×4 of about 33.5 megapixels). Bigger requests are refused
/// before any work, naming the largest allowed size.
/// </summary>
public static class OutputLimit
{
    public static long MaxPixels => Array.MaxLength / 4;

    /// <summary>Null when a ×<paramref name="scale"/> result of <paramref name="input"/> fits, else why not in plain words.</summary>
    public static string? Problem(Rect input, int scale)
    {
        long width = (long)input.Width * scale;
        long height = (long)input.Height * scale;
        if (width * height <= MaxPixels)
        {
            return null;
        }

        int side = (int)Math.Sqrt(MaxPixels / ((double)scale * scale));
        return $"The area is too large for ×{scale}: the result would be {width}×{height} pixels ({Megapixels(width * height)} megapixels), "
            + $"and AePaint can make at most {Megapixels(MaxPixels)} megapixels (a selection of about {side}×{side} at ×{scale}). "
            + "Select a smaller area or choose a smaller scale.";
    }

    private static string Megapixels(long pixels) => (pixels / 1_000_000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
