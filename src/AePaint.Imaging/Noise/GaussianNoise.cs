namespace AePaint.Imaging.Noise;

/// <summary>
/// Reproducible standard-normal numbers from <see cref="System.Random"/> (seeded, so the same seed gives the
/// same noise on every run and machine) by the Box–Muller transform, and AWGN on planar images.
/// The evaluation protocol adds N(0, (σ/255)²) to [0, 1] images, unclipped, one seed per image.
/// </summary>
public sealed class GaussianNoise
{
    private readonly Random _rng;
    private double _spare;
    private bool _hasSpare;

    public GaussianNoise(int seed)
        : this(new Random(seed))
    {
    }

    public GaussianNoise(Random rng)
    {
        _rng = rng;
    }

    /// <summary>The next N(0, 1) sample.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u1 = 1.0 - _rng.NextDouble(); // (0, 1]: log never sees 0
        double u2 = _rng.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        double a = 2.0 * Math.PI * u2;
        _spare = r * Math.Sin(a);
        _hasSpare = true;
        return r * Math.Cos(a);
    }

    /// <summary>Adds N(0, σ²) to every value of <paramref name="values"/>, in order.</summary>
    public void Add(Span<float> values, double sigma)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(values[i] + (sigma * Next()));
        }
    }

    /// <summary>
    /// A noisy copy of <paramref name="clean"/> (values in [0, 1]) with AWGN of standard deviation
    /// <paramref name="sigma255"/>/255, every plane in order from one generator seeded with
    /// <paramref name="seed"/>. With <paramref name="clip"/> the result is clamped to [0, 1] (what an 8-bit
    /// file would hold, before rounding); the published noisy-input PSNRs are for unclipped noise.
    /// </summary>
    public static PlanarImage AddAwgn(PlanarImage clean, double sigma255, int seed, bool clip = false)
    {
        var noisy = clean.Clone();
        new GaussianNoise(seed).Add(noisy.Data, sigma255 / 255.0);
        if (clip)
        {
            var d = noisy.Data;
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = Math.Clamp(d[i], 0f, 1f);
            }
        }

        return noisy;
    }
}
