namespace AePaint.Imaging.Noise;

/// <summary>
/// Noise of a real photo — signal-dependent, luma-dominated, spatially correlated by demosaicing, sharpening and
/// JPEG — as the white-noise σ a denoiser trained on white noise needs (<see cref="PhotoNoise.EquivalentSigma"/>).
/// <para>
/// Luma and chroma (BT.601 Cb, Cr) are measured separately with <see cref="BlockNoise"/>: the 10 % quantile of 8×8
/// block σ, so the flattest tenth of the photo speaks, at full resolution and on a 2×-reduced copy. A camera JPEG's
/// noise is smoothed over a few pixels, so the full-resolution Laplacian misses most of it (the CC15 photos read
/// 0.4–1 where the best model σ is 6–22); on the reduced copy it is nearly white again. How much of the noise was
/// hidden shows in the fine/coarse ratio ρ (<see cref="PhotoNoise.Whiteness"/>): white noise 2, SIDD's phones ≈ 0.9,
/// DSLR JPEGs ≈ 0.5. The equivalent σ is the coarse σ times a gain that goes from <see cref="CorrelatedGain"/>
/// (ρ ≤ <see cref="CorrelatedRatio"/>) to <see cref="WhiteGain"/> (ρ ≥ <see cref="WhiteRatio"/>), log-linearly between —
/// four global numbers fitted once on CC15, SIDD_samples and the camera-JPEG dev set (models/README.md), never per image.
/// </para>
/// <para>
/// Limits: fine texture is indistinguishable from smoothed noise by these statistics, so a clean, busy photo reads a
/// few σ levels; white noise in every channel reads low here (the colour patch-PCA estimate is exact for it, and
/// <c>NoiseLevel</c> takes the larger of the two).
/// </para>
/// </summary>
public static class PhotoNoiseEstimator
{
    /// <summary>Quantile of the block σ that reads the noise of the flattest parts.</summary>
    public const double BlockQuantile = 0.10;

    public const double CorrelatedGain = 6.0;
    public const double WhiteGain = 2.75;
    public const double CorrelatedRatio = 0.80;
    public const double WhiteRatio = 0.90;

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
        var coarseCb = BlockNoise.Reduce(cb, w, h, 2, out _, out _);
        double chroma = BlockNoise.Quantile(BlockNoise.Measure(coarseCb, w2, h2), BlockQuantile) / ChromaPerWhiteSigma;
        double equivalent = coarse * Gain(fine / Math.Max(coarse, 1e-3));
        return new PhotoNoise(fine, coarse, chroma, equivalent, LevelFunction(coarseBlocks));
    }

    /// <summary>Coarse σ → equivalent white σ, by the fine/coarse ratio (see the class remarks).</summary>
    public static double Gain(double whiteness)
    {
        double t = Math.Clamp((whiteness - CorrelatedRatio) / (WhiteRatio - CorrelatedRatio), 0, 1);
        return Math.Exp((Math.Log(CorrelatedGain) * (1 - t)) + (Math.Log(WhiteGain) * t));
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
