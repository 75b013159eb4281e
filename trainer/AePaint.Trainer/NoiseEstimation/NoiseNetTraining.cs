using System.Diagnostics;
using System.Globalization;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.NoiseEstimation;

/// <summary>
/// Fits a <see cref="NoiseNet"/> to a <see cref="NoiseLabelSet"/>. The loss is what the user loses: the dB between the
/// crop's best PSNR and its PSNR at the predicted σ (the measured curve, linear between grid points in log(1 + σ)),
/// plus a small pull towards the best σ so flat curves still have a direction and predictions beyond the grid come
/// back. Every tenth crop is held out and scored the same way. Clean JPEG crops are not scored against the photo
/// before compression (against which deblocking at σ 5–10 gains), but as the user sees them: a clean JPEG must come
/// out unchanged, so their label is σ 0 and their loss grows with log(1 + σ) (about the dB lost against the input).
/// </summary>
internal static class NoiseNetTraining
{
    private const double LabelPull = 0.2;

    /// <summary>dB lost per unit of log(1 + σ) on a clean JPEG (against itself: σ 1 ≈ −2 dB, σ 3 ≈ −4 dB).</summary>
    private const double CleanSlope = 3;

    public const string CleanKind = "clean-jpeg";

    /// <summary>
    /// Trains on random <paramref name="crop"/>² windows of the labelled crops (the label holds for the whole crop; a
    /// 64² window costs a quarter of the 128² crop), scores on the whole crops.
    /// </summary>
    public static NoiseNetScore Train(NoiseNet net, NoiseLabelSet set, int crop, int batch, double minutes, long maxSteps, double learningRate, int seed, TextWriter log, CancellationToken cancel)
    {
        var train = Enumerable.Range(0, set.Count).Where(k => !IsHeldOut(set, k)).ToArray();
        var knots = set.Grid.Select(s => (float)Math.Log(1 + s)).ToArray();
        manual_seed(seed);
        var rng = new Random(seed);
        using var optimizer = new AdamW(net.parameters(), lr: learningRate);
        net.train();
        var clock = Stopwatch.StartNew();
        int per = 3 * set.Size * set.Size;
        var full = new float[per];
        var x = new float[batch * 3 * crop * crop];
        var curves = new float[batch * knots.Length];
        var labels = new float[batch];
        double recent = 0;
        long step = 0;
        while (step < maxSteps && clock.Elapsed.TotalMinutes < minutes && !cancel.IsCancellationRequested)
        {
            step++;
            for (int i = 0; i < batch; i++)
            {
                int k = train[rng.Next(train.Length)];
                set.Read(k, full);
                Window(full, set.Size, rng.Next(set.Size - crop + 1), rng.Next(set.Size - crop + 1), crop, x.AsSpan(i * 3 * crop * crop));
                Fill(set.Grid, set.Labels[k], curves.AsSpan(i * knots.Length, knots.Length), out labels[i]);
            }

            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var input = Transform(tensor(x, [batch, 3, crop, crop]), rng.Next(8));
            var t = net.forward(input).reshape(batch);
            var loss = Loss(t, tensor(curves, [batch, knots.Length]), tensor(labels), knots).mean();
            float value = loss.item<float>();
            if (!float.IsFinite(value))
            {
                throw new TrainingDivergedException($"noise net: loss became {value} at step {step}; try a lower --lr");
            }

            loss.backward();
            optimizer.Step();
            recent = step == 1 ? value : (0.98 * recent) + (0.02 * value);
            if (step % 100 == 0)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step} loss {recent:F3} ({clock.Elapsed.TotalSeconds / step:F2} s/step)"));
            }
        }

        net.eval();
        log.WriteLine($"stopped at step {step} after {clock.Elapsed.TotalMinutes:F1} min");
        return Score(net, set, k => IsHeldOut(set, k)) with { Steps = step };
    }

    /// <summary>Every tenth crop (by its index in the set), so a set still growing keeps its held-out part.</summary>
    public static bool IsHeldOut(NoiseLabelSet set, int k) => set.Labels[k].Index % 10 == 0;

    /// <summary>Mean gap (dB) to the best σ of the grid and the share within 0.3 dB, per kind of degradation and overall.</summary>
    public static NoiseNetScore Score(NoiseNet net, NoiseLabelSet set, Func<int, bool> which)
    {
        var ks = Enumerable.Range(0, set.Count).Where(which).ToArray();
        var gaps = new List<(string Kind, double Gap)>();
        int per = 3 * set.Size * set.Size;
        var x = new float[per];
        using var noGrad = no_grad();
        foreach (int k in ks)
        {
            using var scope = NewDisposeScope();
            set.Read(k, x);
            double t = net.forward(tensor(x, [1, 3, set.Size, set.Size])).item<float>();
            var l = set.Labels[k];
            gaps.Add((l.Kind, Interpolate(set.Grid, GapCurve(set.Grid, l), Math.Exp(t) - 1)));
        }

        return new NoiseNetScore(gaps);
    }

    /// <summary>dB lost at each σ of the grid: below the crop's best PSNR, or for a clean JPEG, against the JPEG itself.</summary>
    public static double[] GapCurve(IReadOnlyList<double> grid, NoiseLabel l) => l.Kind == CleanKind
        ? grid.Select(s => CleanSlope * Math.Log(1 + s)).ToArray()
        : l.Psnr.Select(p => l.Psnr.Max() - p).ToArray();

    /// <summary>A curve sampled on the grid, read at σ (linear between grid points in log(1 + σ), flat beyond them).</summary>
    public static double Interpolate(IReadOnlyList<double> grid, IReadOnlyList<double> psnr, double sigma)
    {
        double u = Math.Log(1 + Math.Max(sigma, 0));
        if (u <= Math.Log(1 + grid[0]))
        {
            return psnr[0];
        }

        for (int j = 1; j < grid.Count; j++)
        {
            double a = Math.Log(1 + grid[j - 1]), b = Math.Log(1 + grid[j]);
            if (u <= b)
            {
                return psnr[j - 1] + ((psnr[j] - psnr[j - 1]) * (u - a) / (b - a));
            }
        }

        return psnr[^1];
    }

    private static void Fill(IReadOnlyList<double> grid, NoiseLabel l, Span<float> curve, out float label)
    {
        var gaps = GapCurve(grid, l);
        for (int j = 0; j < curve.Length; j++)
        {
            curve[j] = (float)gaps[j];
        }

        label = l.Kind == CleanKind ? 0 : (float)Math.Log(1 + l.BestSigma);
    }

    /// <summary>Per crop: the gap read off its curve at the clamped prediction (tent weights on the knots) + the pull to the label.</summary>
    private static Tensor Loss(Tensor t, Tensor gapCurves, Tensor label, float[] knots)
    {
        int n = knots.Length;
        var u = t.Clamp(knots[0], knots[^1]).unsqueeze(1);
        var k = tensor(knots).unsqueeze(0);
        var prev = tensor(knots.Select((v, j) => j == 0 ? v - 1 : knots[j - 1]).ToArray()).unsqueeze(0);
        var next = tensor(knots.Select((v, j) => j == n - 1 ? v + 1 : knots[j + 1]).ToArray()).unsqueeze(0);
        var rise = (u - prev) / (k - prev);
        var fall = (next - u) / (next - k);
        var tent = minimum(rise, fall).Clamp(0, 1);
        var gap = (tent * gapCurves).sum(1);
        return gap.Plus((t - label).abs().Times(LabelPull));
    }

    private static void Window(float[] src, int size, int x0, int y0, int crop, Span<float> dst)
    {
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < crop; y++)
            {
                src.AsSpan((c * size * size) + ((y0 + y) * size) + x0, crop).CopyTo(dst[(((c * crop) + y) * crop)..]);
            }
        }
    }

    /// <summary>One of the eight flips/transposes of a batch (the noise statistics do not change under them).</summary>
    private static Tensor Transform(Tensor x, int d)
    {
        if ((d & 4) != 0)
        {
            x = x.transpose(2, 3);
        }

        if ((d & 1) != 0)
        {
            x = x.flip(3);
        }

        return (d & 2) != 0 ? x.flip(2) : x;
    }
}
