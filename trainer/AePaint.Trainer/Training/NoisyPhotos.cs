using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Trainer.Data;

namespace AePaint.Trainer.Training;

/// <summary>
/// The noisy side of noisy-only training. With <see cref="Recipe.NoisyOnlySection.SyntheticNoise"/> each clean photo gets one
/// fixed AWGN realisation (a pure function of file name, pixel, channel and seed, so "noisy copies made once" need
/// neither disk nor memory and stay unclipped floats, as the evaluation protocol's are); without it the photos are
/// the noisy ones. Either way the σ map is <see cref="NoiseLevel.Estimate"/> of the whole noisy photo, clamped to
/// the recipe's σ range (<paramref name="range"/>, which the card declares and the runner clamps to): exactly what the
/// plugin feeds in "auto" at inference, so training and use agree.
/// </summary>
internal sealed class NoisyPhotos(float? syntheticSigma, long seed, NoiseMapSpec range)
{
    public bool Synthetic => syntheticSigma is not null;

    /// <summary>The σ (0..255 units) fed for this photo: the estimate on its noisy version's central crop.</summary>
    public float Sigma(string path, RgbPhoto photo)
    {
        int w = Math.Min(photo.Width, NoiseLevel.MaxCrop), h = Math.Min(photo.Height, NoiseLevel.MaxCrop);
        int x0 = (photo.Width - w) / 2, y0 = (photo.Height - h) / 2;
        var image = new Bgra8Image(w, h);
        ulong key = FileKey(path);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                long p = 3 * (((long)(y0 + y) * photo.Width) + x0 + x), o = 4 * (((long)y * w) + x);
                for (int c = 0; c < 3; c++)
                {
                    float v = photo.Rgb[p + c] / 255f;
                    if (syntheticSigma is { } s)
                    {
                        v += s / 255f * Gaussian(key, x0 + x, y0 + y, c);
                    }

                    image.Data[o + 2 - c] = PixelConversion.ToByte(v); // BGRA
                }

                image.Data[o + 3] = 255;
            }
        }

        return Math.Clamp(NoiseLevel.Estimate(image), range.SigmaMin, range.SigmaMax);
    }

    /// <summary>Adds the photo's fixed noise to a patch cut at <paramref name="origin"/> (no-op for real noisy photos).</summary>
    public void AddTo(Span<float> patch, PatchOrigin origin, int size)
    {
        if (syntheticSigma is not { } s)
        {
            return;
        }

        ulong key = FileKey(origin.Path);
        int plane = size * size;
        float scale = s / 255f;
        for (int v = 0; v < size; v++)
        {
            for (int u = 0; u < size; u++)
            {
                var (a, b) = RgbPhoto.CropPosition(u, v, size, origin.Transform);
                int o = (v * size) + u;
                for (int c = 0; c < 3; c++)
                {
                    patch[o + (c * plane)] += scale * Gaussian(key, origin.X + a, origin.Y + b, c);
                }
            }
        }
    }

    /// <summary>Standard normal for (photo, x, y, channel): splitmix64 hashing, then Box–Muller.</summary>
    internal float Gaussian(ulong fileKey, int x, int y, int c)
    {
        ulong h = Mix(fileKey ^ Mix((ulong)seed + 0x51ED_2701UL));
        h = Mix(h ^ (((ulong)(uint)y << 32) | (uint)x));
        ulong h1 = Mix(h ^ (ulong)(c + 1)), h2 = Mix(h1);
        double u1 = ((h1 >> 11) + 0.5) * (1.0 / (1UL << 53)), u2 = (h2 >> 11) * (1.0 / (1UL << 53));
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>FNV-1a of the file name: the same photo gets the same noise wherever the folder lives.</summary>
    internal static ulong FileKey(string path)
    {
        ulong h = 14695981039346656037UL;
        foreach (char ch in Path.GetFileName(path))
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        return h;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
