namespace AePaint.Imaging;

/// <summary>sRGB transfer function (IEC 61966-2-1) with an exact 8-bit decode table.</summary>
public static class Srgb
{
    private static readonly float[] DecodeTable = BuildDecode();

    /// <summary>8-bit sRGB code value → linear light in [0, 1].</summary>
    public static float ToLinear(byte v) => DecodeTable[v];

    public static float ToLinear(float v) => v <= 0.04045f ? v / 12.92f : MathF.Pow((v + 0.055f) / 1.055f, 2.4f);

    public static float FromLinear(float v) => v <= 0.0031308f ? v * 12.92f : (1.055f * MathF.Pow(v, 1f / 2.4f)) - 0.055f;

    private static float[] BuildDecode()
    {
        var t = new float[256];
        for (int i = 0; i < 256; i++)
        {
            t[i] = ToLinear(i / 255f);
        }

        return t;
    }
}
