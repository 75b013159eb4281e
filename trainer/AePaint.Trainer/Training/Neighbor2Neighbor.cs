using static TorchSharp.torch;

namespace AePaint.Trainer.Training;

/// <summary>
/// Neighbor2Neighbor (Huang et al., CVPR 2021): self-supervised denoising from single noisy images. Each 2×2 cell of
/// the noisy image y gives one pixel to g1(y) and a 4-neighbour of it to g2(y): two half-size images with the same
/// content and independent noise. The loss is ‖f(g1(y)) − g2(y)‖² + γ‖f(g1(y)) − g2(y) − (g1(f(y)) − g2(f(y)))‖²,
/// f(y) computed without gradient; the regulariser stands in for the small content gap between the neighbours.
/// Needs noise independent from pixel to pixel (AWGN, raw-like sensor noise); JPEG-smoothed camera noise is
/// partly kept as "content".
/// </summary>
internal static class Neighbor2Neighbor
{
    /// <summary>The 8 ordered pairs of 4-neighbours in a cell (index dy·2 + dx), as the paper's code draws them.</summary>
    public static readonly (int First, int Second)[] Pairs = [(0, 1), (0, 2), (1, 3), (2, 3), (1, 0), (2, 0), (3, 1), (3, 2)];

    /// <summary>
    /// Per image and cell, the positions (0..3) g1 and g2 read, drawn from <paramref name="rng"/> (the same for every
    /// channel of a pixel). Shape [count, 1, cellsY, cellsX, 1], int64, ready for <see cref="Subsample"/>.
    /// </summary>
    public static (Tensor First, Tensor Second) DrawCells(Random rng, int count, int cellsY, int cellsX)
    {
        var first = new long[count * cellsY * cellsX];
        var second = new long[first.Length];
        for (int i = 0; i < first.Length; i++)
        {
            var (a, b) = Pairs[rng.Next(Pairs.Length)];
            first[i] = a;
            second[i] = b;
        }

        long[] shape = [count, 1, cellsY, cellsX, 1];
        return (tensor(first, shape), tensor(second, shape));
    }

    /// <summary>[N, C, H, W] → [N, C, H/2, W/2]: from each 2×2 cell the pixel its index names.</summary>
    public static Tensor Subsample(Tensor x, Tensor cells)
    {
        long n = x.shape[0], c = x.shape[1], h = x.shape[2] / 2, w = x.shape[3] / 2;
        using var scope = NewDisposeScope();
        var grouped = x.reshape(n, c, h, 2, w, 2).permute(0, 1, 2, 4, 3, 5).reshape(n, c, h, w, 4);
        return grouped.gather(4, cells.expand(n, c, h, w, 1)).squeeze(4).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The loss on a batch [N, 4, H, W] of noisy RGB + σ map (H, W even). The σ map is sub-sampled with g1 like the
    /// image: it is the photo's constant σ, and sub-sampling keeps each pixel's noise level.
    /// </summary>
    public static N2nLoss Loss(nn.Module<Tensor, Tensor> net, Tensor input, Random rng, double gamma, int stride = 1)
    {
        input = PixelUnshuffle(input, stride);
        Tensor full;
        using (no_grad())
        {
            full = net.forward(input);
        }

        var (first, second) = DrawCells(rng, (int)input.shape[0], (int)input.shape[2] / 2, (int)input.shape[3] / 2);
        var noisy = input.narrow(1, 0, 3);
        var restored = net.forward(Subsample(input, first));
        var diff = restored - Subsample(noisy, second);
        var expected = Subsample(full, first) - Subsample(full, second);
        var reconstruction = diff.Squared().mean();
        var regulariser = (diff - expected).Squared().mean();
        return new N2nLoss(reconstruction.Plus(regulariser.Times(gamma)), reconstruction, regulariser);
    }

    /// <summary>
    /// [N, C, H, W] → [N·s², C, H/s, W/s]: every patch split into its s² stride-s sub-images (pixel-shuffle
    /// down-sampling, PD), so neighbours in a sub-image are s pixels apart in the patch. s = 1 returns the input.
    /// </summary>
    public static Tensor PixelUnshuffle(Tensor x, int stride)
    {
        if (stride == 1)
        {
            return x;
        }

        long n = x.shape[0], c = x.shape[1], h = x.shape[2] / stride, w = x.shape[3] / stride;
        return x.reshape(n, c, h, stride, w, stride).permute(0, 3, 5, 1, 2, 4).reshape(n * stride * stride, c, h, w);
    }

    /// <summary>γ at this point of the run: ramped linearly from 0, as the paper's code does over its epochs.</summary>
    public static double GammaAt(long position, long totalSteps, double gamma) =>
        gamma * Math.Clamp((double)position / Math.Max(1, totalSteps), 0, 1);
}
