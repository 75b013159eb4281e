namespace AePaint.Imaging.Noise;

/// <summary>
/// Noise of a real photo — signal-dependent, luma-dominated, spatially correlated by demosaicing, sharpening and
/// JPEG — as the white-noise σ a denoiser trained on white noise needs (<see cref="PhotoNoise.EquivalentSigma"/>).
/// <para>
/// Luma and chroma (BT.601 Cb) are measured with <see cref="BlockNoise"/>: the 10 % quantile of 8×8 block σ, so the
/// flattest tenth of the photo speaks, at full resolution and on 2×- and 4×-reduced copies. A camera JPEG's noise is
/// smoothed over a few pixels, so the full-resolution Laplacian misses most of it; on the 2× copy (σ₂) it is nearly
/// white again. How it falls from the 2× to the 4× copy, ρ = σ₄/σ₂ (<see cref="PhotoNoise.ScaleRatio"/>), tells what
/// σ₂ is made of: noise white at the 2× scale halves (ρ ≈ 0.5), noise correlated over more pixels falls less and
/// hides more of itself from σ₂ (the gain on σ₂ grows with ρ up to <see cref="NoiseRatio"/>), texture does not fall
/// at all (ρ ≥ 1). Above <see cref="NoiseRatio"/> the reading is taken for texture and damped by
/// <see cref="TexturePenalty"/> per unit of ρ, unless chroma noise (per σ₂, capped at <see cref="ChromaCap"/>) says a
/// camera's blotchy noise is there (<see cref="ChromaBoost"/>, over the first <see cref="BoostSpan"/> of ρ): clean
/// photos carry next to no fine chroma. Last, the weak-texture patch PCA of the 2× copy (Liu, Tanaka &amp; Okutomi, as
/// <see cref="NoiseEstimator"/> does for gray images) over σ₂, to the power <see cref="PcaExponent"/>: it keeps only
/// patches whose gradients noise alone explains, so texture that lifts even the flattest blocks lifts it less.
/// </para>
/// <para>
/// σ₂ below <see cref="FlatCoarse"/> is nothing to remove: the flattest blocks of the noisy photos we measured read
/// more. The numbers were fitted once, globally, never per image (models/README.md, issue 17: on our own
/// camera-pipeline + JPEG synthesis of training photos, clean JPEG'd training photos, SIDD_samples and CC15).
/// </para>
/// <para>
/// Limits: a clean, busy photo whose texture falls with scale like noise still reads a few σ levels, and the
/// colour patch-PCA estimate (exact for white noise in every channel; <c>NoiseLevel</c> takes the larger) is what
/// reads synthetic AWGN.
/// </para>
/// </summary>
public static class PhotoNoiseEstimator
{
    /// <summary>Quantile of the block σ that reads the noise of the flattest parts.</summary>
    public const double BlockQuantile = 0.10;

    public const double Gain = 5.12;
    public const double Exponent = 0.837;
    public const double RatioExponent = 0.745;
    public const double MinRatio = 0.4;
    public const double NoiseRatio = 0.625;
    public const double TexturePenalty = 1.313;
    public const double ChromaBoost = 3.491;
    public const double ChromaCap = 0.59;
    public const double BoostSpan = 0.684;
    public const double PcaExponent = 0.86;
    public const double FlatCoarse = 0.601;

    /// <summary>Cb at the 2× scale of per-channel white noise σ reads ≈ this × σ (measured on AWGN, CBSD68).</summary>
    public const double ChromaPerWhiteSigma = 0.24;

    private const int LevelBins = 8;
    private const int MinBlocksPerBin = 12;

    /// <summary>Estimates the noise of a 3-plane R, G, B image in [0, 1].</summary>
    public static PhotoNoise Estimate(PlanarImage rgb)
    {
        if (rgb.Channels != 3)
        {
            throw new ArgumentException($"Needs R, G, B planes; got {rgb.Channels}.", nameof(rgb));
        }

        int w = rgb.Width, h = rgb.Height, n = w * h;
        var luma = new float[n];
        var cb = new float[n];
        ReadOnlySpan<float> r = rgb.Plane(0), g = rgb.Plane(1), b = rgb.Plane(2);
        for (int i = 0; i < n; i++)
        {
            float y = (0.299f * r[i]) + (0.587f * g[i]) + (0.114f * b[i]);
            luma[i] = y;
            cb[i] = 0.5f + ((b[i] - y) / 1.772f);
        }

        double fine = BlockNoise.Quantile(BlockNoise.Measure(luma, w, h), BlockQuantile);
        var coarseLuma = BlockNoise.Reduce(luma, w, h, 2, out int w2, out int h2);
        var coarseBlocks = BlockNoise.Measure(coarseLuma, w2, h2);
        double coarse = BlockNoise.Quantile(coarseBlocks, BlockQuantile);
        var coarserLuma = BlockNoise.Reduce(coarseLuma, w2, h2, 2, out int w4, out int h4);
        double coarser = BlockNoise.Quantile(BlockNoise.Measure(coarserLuma, w4, h4), BlockQuantile);
        var coarseCb = BlockNoise.Reduce(cb, w, h, 2, out _, out _);
        double chroma = BlockNoise.Quantile(BlockNoise.Measure(coarseCb, w2, h2), BlockQuantile) / ChromaPerWhiteSigma;
        double pca = coarse;
        if (w2 >= NoiseEstimator.DefaultPatchSize && h2 >= NoiseEstimator.DefaultPatchSize)
        {
            var gray = new PlanarImage(1, w2, h2);
            coarseLuma.CopyTo(gray.Plane(0));
            pca = NoiseEstimator.Estimate(gray).Sigma;
        }

        return new PhotoNoise(fine, coarse, coarser, pca, chroma, Equivalent(coarse, coarser, chroma, pca), LevelFunction(coarseBlocks));
    }

    /// <summary>σ₂, σ₄, chroma σ and the patch-PCA σ₂ → the equivalent white σ (see the class remarks); 0 for nothing to remove.</summary>
    public static double Equivalent(double coarse, double coarser, double chroma, double coarsePca)
    {
        if (coarse < FlatCoarse)
        {
            return 0;
        }

        double ratio = coarser / coarse;
        double excess = Math.Max(0, ratio - NoiseRatio);
        double chromaShare = Math.Min(PhotoNoise.Share(chroma, coarse), ChromaCap);
        return Gain * Math.Pow(coarse, Exponent) * Math.Pow(Math.Clamp(ratio, MinRatio, NoiseRatio), RatioExponent)
            * Math.Pow(coarsePca / coarse, PcaExponent)
            * Math.Exp((ChromaBoost * Math.Min(excess, BoostSpan) * chromaShare) - (TexturePenalty * excess));
    }

    private static NoiseLevelPoint[] LevelFunction(BlockSample[] blocks)
    {
        var points = new List<NoiseLevelPoint>();
        for (int bin = 0; bin < LevelBins; bin++)
        {
            float lo = (float)bin / LevelBins, hi = (float)(bin + 1) / LevelBins;
            var inBin = blocks.Where(s => s.Mean >= lo && s.Mean < hi).ToArray();
            if (inBin.Length >= MinBlocksPerBin)
            {
                points.Add(new NoiseLevelPoint(inBin.Average(s => s.Mean), BlockNoise.Quantile(inBin, BlockQuantile), inBin.Length));
            }
        }

        return points.ToArray();
    }
}
