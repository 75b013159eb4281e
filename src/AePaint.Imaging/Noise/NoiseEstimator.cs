namespace AePaint.Imaging.Noise;

/// <summary>
/// Blind estimate of additive white Gaussian noise σ by the patch-PCA method of Chen, Zhu &amp; Heng,
/// "An Efficient Statistical Method for Image Noise Level Estimation" (ICCV 2015), on colour patches.
/// <para>
/// 7×7 patches spanning all colour planes (147 values) are taken on a regular grid whose stride keeps
/// them under <c>maxPatches</c>, which bounds the cost on any image size; patches holding a clipped value
/// (exactly 0 or 1: no noise there) are left out. Their covariance is formed and its eigenvalues
/// λ₁ ≤ … ≤ λ_d computed. Image structure lives in the large eigenvalues; white noise adds σ² to every one,
/// and leaves the rest all ≈ σ². Taking the largest k for which the mean of λ₁..λ_k is also their median
/// (as many above as below) keeps just those noise-only eigenvalues, and σ² is their mean.
/// </para>
/// <para>
/// Chosen by measurement on CBSD68 (table in NoiseEstimatorTests). The wavelet MAD estimator
/// (median |HH₁| / 0.6745, kept as <see cref="EstimateWaveletMad"/>) reads texture as noise: ≈ 3.4 on the
/// clean images and ≈ 7.3 at σ = 5. The same PCA per channel (49 values) still reads ≈ 7 on clean images
/// and ≈ 8.8 at σ = 5; spanning the three planes is what makes it work, because photographs carry next to
/// no fine colour detail (JPEG 4:2:0 chroma, demosaicing), so fine chroma directions hold noise only,
/// whereas noise independent per channel fills them. Colour patches read ≈ 0.4 on the clean images and
/// within 1 % at σ = 5…50. Noise correlated across channels (raw camera noise after demosaicing) is not
/// white in this space; the estimate is then a weighted mean of the channel noise.
/// </para>
/// <para>
/// Gray images (one plane, or R = G = B) have no chroma to lean on, so single-plane patches are refined by
/// the weak-texture selection of Liu, Tanaka &amp; Okutomi (TIP 2013): keep the patches whose gradient energy
/// is below what noise of the current σ alone would reach with probability ≈ 0.9999, re-estimate, three
/// rounds. That brings the gray means to 1.8 (clean) and 5.9 / 15.9 / 25.9 / 50.8 at σ = 5 / 15 / 25 / 50,
/// from 6.5 and 8.4 / 16.6 / 26.0 / 50.7 without it. On colour it biases low (patches with some texture
/// pass only when their noise happens to be small: 4.88 at σ = 5), so colour does without.
/// </para>
/// </summary>
public static class NoiseEstimator
{
    public const int DefaultPatchSize = 7;

    public const int DefaultMaxPatches = 40_000;

    // Weak-texture selection: normal quantile of the noise-only texture threshold (p ≈ 0.9999), rounds.
    private const double TextureZ = 3.72;
    private const int SelectionRounds = 3;

    /// <summary>
    /// Estimates σ (0..255 units) of an image whose planes (R, G, B, or one gray plane) hold values in [0, 1].
    /// Cost is bounded by <paramref name="maxPatches"/> · d²/2 multiply-adds per round (d = patchSize² · planes)
    /// and a d×d eigen-decomposition, whatever the image size: tens of milliseconds with the defaults.
    /// </summary>
    public static NoiseEstimate Estimate(PlanarImage image, int patchSize = DefaultPatchSize, int maxPatches = DefaultMaxPatches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patchSize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPatches, 2);
        if (image.Width < patchSize || image.Height < patchSize)
        {
            throw new ArgumentException($"A {image.Width}×{image.Height} image is smaller than one {patchSize}×{patchSize} patch.", nameof(image));
        }

        int planes = IsGray(image) ? 1 : image.Channels;
        var set = new PatchSet(image, patchSize, planes, maxPatches);
        var selection = set.All;
        double variance = Variance(set, selection);
        double quantile = set.NoiseTextureQuantile(TextureZ);
        for (int round = 0; planes == 1 && round < SelectionRounds; round++)
        {
            float threshold = (float)(variance * quantile);
            var weak = Array.FindAll(set.All, k => set.Texture[k] < threshold);
            if (weak.Length < 4 * set.Dimension || weak.Length == selection.Length)
            {
                break;
            }

            selection = weak;
            variance = Variance(set, selection);
        }

        return new NoiseEstimate(Math.Sqrt(variance) * 255, planes, selection.Length);
    }

    /// <summary>
    /// The classic wavelet estimate σ = median(|HH₁|)/0.6745 of the finest diagonal orthonormal Haar subband
    /// over all planes (0..255 units). Exact on flat images, biased high by any texture. Uses every
    /// <paramref name="step"/>-th 2×2 block in each direction.
    /// </summary>
    public static double EstimateWaveletMad(PlanarImage image, int step = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        var hh = new List<float>();
        for (int c = 0; c < image.Channels; c++)
        {
            var p = image.Plane(c);
            int w = image.Width;
            for (int y = 0; y + 1 < image.Height; y += 2 * step)
            {
                for (int x = 0; x + 1 < w; x += 2 * step)
                {
                    int i = (y * w) + x;
                    hh.Add(Math.Abs((p[i] - p[i + 1] - p[i + w] + p[i + w + 1]) * 0.5f));
                }
            }
        }

        if (hh.Count == 0)
        {
            throw new ArgumentException("The image has no 2×2 block.", nameof(image));
        }

        var arr = hh.ToArray();
        Array.Sort(arr);
        int n = arr.Length;
        double median = (n % 2 == 1) ? arr[n / 2] : 0.5 * (arr[(n / 2) - 1] + arr[n / 2]);
        return median / 0.6745 * 255;
    }

    /// <summary>Chen et al.'s rule: the mean of the largest prefix of ascending eigenvalues whose mean is its median.</summary>
    public static double NoiseVarianceFromEigenvalues(ReadOnlySpan<double> ascending)
    {
        double sum = 0;
        for (int i = 0; i < ascending.Length; i++)
        {
            sum += ascending[i];
        }

        for (int k = ascending.Length; k >= 1; k--)
        {
            double mean = sum / k;
            int above = 0, below = 0;
            for (int i = 0; i < k; i++)
            {
                if (ascending[i] > mean)
                {
                    above++;
                }
                else if (ascending[i] < mean)
                {
                    below++;
                }
            }

            if (above == below)
            {
                return mean;
            }

            sum -= ascending[k - 1];
        }

        return 0; // empty input
    }

    private static double Variance(PatchSet set, int[] selection)
        => Math.Max(0, NoiseVarianceFromEigenvalues(SymmetricEigen.Eigenvalues(set.Covariance(selection), set.Dimension)));

    // A gray image stored as colour: identical planes would show as zero-variance directions.
    private static bool IsGray(PlanarImage image)
    {
        for (int c = 1; c < image.Channels; c++)
        {
            if (!image.Plane(0).SequenceEqual(image.Plane(c)))
            {
                return false;
            }
        }

        return true;
    }
}
