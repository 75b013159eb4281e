using System.Numerics;

namespace AePaint.Inference;

/// <summary>
/// The engine's blend of one window's output row into the planes, as <see cref="TileJob"/> weights it: in model value
/// range, mapped to [0, 1] and weighted; vectors give the same floats as scalars.
/// </summary>
internal static class TileBlend
{
    /// <summary>acc += wy · wx · (src − lo) · inv, element by element in that order.</summary>
    public static void Add(Span<float> acc, ReadOnlySpan<float> src, ReadOnlySpan<float> wx, float wy, float lo, float inv) =>
        Blend(acc, src, wx, wy, lo, inv, onto: true);

    /// <summary>acc = 0 + wy · wx · (src − lo) · inv: the same floats as <see cref="Add"/> on cleared planes, without reading them.</summary>
    public static void Write(Span<float> acc, ReadOnlySpan<float> src, ReadOnlySpan<float> wx, float wy, float lo, float inv) =>
        Blend(acc, src, wx, wy, lo, inv, onto: false);

    private static void Blend(Span<float> acc, ReadOnlySpan<float> src, ReadOnlySpan<float> wx, float wy, float lo, float inv, bool onto)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vwy = new Vector<float>(wy);
            var vlo = new Vector<float>(lo);
            var vinv = new Vector<float>(inv);
            for (; i <= acc.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var before = onto ? new Vector<float>(acc[i..]) : Vector<float>.Zero;
                (before + (vwy * new Vector<float>(wx[i..]) * (new Vector<float>(src[i..]) - vlo) * vinv)).CopyTo(acc[i..]);
            }
        }

        for (; i < acc.Length; i++)
        {
            acc[i] = (onto ? acc[i] : 0f) + (wy * wx[i] * (src[i] - lo) * inv);
        }
    }
}
