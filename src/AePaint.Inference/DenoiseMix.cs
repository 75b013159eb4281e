namespace AePaint.Inference;

/// <summary>
/// How a denoiser's output is blended back with the photo, per pixel, in BT.601 luma/chroma (values 0..1):
/// <list type="bullet">
/// <item><b>Detail</b> (0..1) puts that share of the luma the model removed back — grain and the finest texture,
/// which photographers often prefer to a plastic look; chroma is not touched by it.</item>
/// <item><b>Colour noise</b> (0..1) is how much of the model's chroma change is used: 1 = all (the model's colour
/// denoising), 0 = the photo's own colour.</item>
/// <item><b>Strength</b> (0..1) then mixes the result with the photo as a whole.</item>
/// </list>
/// The defaults (detail 0, colour noise 1, strength 1) return the model's output unchanged.
/// </summary>
public sealed record DenoiseMix(float Strength = 1f, float Detail = 0f, float ColorNoise = 1f)
{
    /// <summary>Dialog and command-line defaults (percent), chosen on the camera-noise dev set (models/README.md).</summary>
    public const int DefaultDetailPercent = 0;

    public const int DefaultColorNoisePercent = 100;

    public bool IsIdentity => Strength == 1f && Detail == 0f && ColorNoise == 1f;

    /// <summary>Checks each control lies in 0..1.</summary>
    public void Validate()
    {
        Check(Strength, "Strength");
        Check(Detail, "Detail");
        Check(ColorNoise, "Colour noise");
    }

    /// <summary>The blended pixel from the photo's (r, g, b) and the model's (mr, mg, mb), all 0..1.</summary>
    public (float R, float G, float B) Apply(float r, float g, float b, float mr, float mg, float mb)
    {
        // Model output minus photo, split into a luma and a chroma part; keep (1 − detail) of the luma change and
        // colourNoise of the chroma change. Luma of an RGB difference d is Y(d); the chroma part is d − Y(d)·(1,1,1).
        float dr = mr - r, dg = mg - g, db = mb - b;
        float dy = (0.299f * dr) + (0.587f * dg) + (0.114f * db);
        float keepLuma = (1f - Detail) * Strength, keepChroma = ColorNoise * Strength;
        float luma = keepLuma * dy;
        return (r + luma + (keepChroma * (dr - dy)), g + luma + (keepChroma * (dg - dy)), b + luma + (keepChroma * (db - dy)));
    }

    private static void Check(float v, string name)
    {
        if (v is < 0f or > 1f || float.IsNaN(v))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} {v} is outside 0..1.");
        }
    }
}
