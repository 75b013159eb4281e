using System.Diagnostics;
using System.Globalization;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Latent;

/// <summary>
/// The training loop shared by the embedder autoencoder and the VAE: Adam on random bank patches, a fixed number of
/// steps or a time budget, seeded (same seed, same batches). AE loss = per-pixel MSE; VAE loss per patch = Σ squared
/// error + β·KL(q(z|x) ‖ N(0, I)), averaged over the batch.
/// </summary>
internal static class LatentTraining
{
    public static IReadOnlyList<LatentStep> TrainAutoencoder(PatchAutoencoder net, PatchBank bank, LatentOptions o, TextWriter log, CancellationToken cancel) =>
        Loop(net, bank, o, log, cancel, x =>
        {
            var mse = nn.functional.mse_loss(net.forward(x), x);
            return (mse, mse, null);
        });

    public static IReadOnlyList<LatentStep> TrainVae(PatchVae net, PatchBank bank, LatentOptions o, TextWriter log, CancellationToken cancel) =>
        Loop(net, bank, o, log, cancel, x =>
        {
            var (mean, logVar) = net.forward(x);
            var recon = net.Decoder.forward(PatchVae.Reparameterise(mean, logVar));
            var sse = (recon - x).Squared().flatten(1).sum(1).mean();
            var kl = PatchVae.Kl(mean, logVar).mean();
            var mse = sse.Over(3 * o.Patch * o.Patch);
            return (sse.Plus(kl.Times(o.Beta)), mse, kl);
        });

    private static List<LatentStep> Loop(nn.Module net, PatchBank bank, LatentOptions o, TextWriter log, CancellationToken cancel, Func<Tensor, (Tensor Loss, Tensor Mse, Tensor? Kl)> lossOf)
    {
        manual_seed(o.Seed);
        var rng = new Random(o.Seed);
        using var optimizer = new AdamW(net.parameters(), lr: o.LearningRate);
        net.train();
        var steps = new List<LatentStep>();
        var clock = Stopwatch.StartNew();
        long every = Math.Max(1, o.Steps / 20);
        for (long step = 1; step <= o.Steps; step++)
        {
            if (cancel.IsCancellationRequested || (o.Minutes is { } m && clock.Elapsed.TotalMinutes >= m))
            {
                log.WriteLine($"stopped at step {step - 1} ({(cancel.IsCancellationRequested ? "cancelled" : "time budget reached")})");
                break;
            }

            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var x = tensor(bank.Batch(rng, o.Batch), [o.Batch, 3, o.Patch, o.Patch]);
            var (loss, mse, kl) = lossOf(x);
            var value = loss.item<float>();
            if (!float.IsFinite(value))
            {
                throw new TrainingDivergedException($"{o.Kind}: loss became {value} at step {step}; try a lower --lr");
            }

            loss.backward();
            optimizer.Step();
            steps.Add(new LatentStep(step, value, mse.item<float>(), kl?.item<float>() ?? 0));
            if (step % every == 0 || step == 1)
            {
                var recent = steps.TakeLast((int)Math.Min(every, steps.Count)).ToArray();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {step}/{o.Steps} loss {recent.Average(s => s.Loss):G5} mse {recent.Average(s => s.Mse):G4}{(kl is null ? string.Empty : $" kl {recent.Average(s => s.Kl):G4}")} {step / clock.Elapsed.TotalSeconds:F2} it/s"));
            }
        }

        net.eval();
        return steps;
    }

    /// <summary>μ of q(z|x) for every bank patch (the scatter plot's points), N×L.</summary>
    public static float[][] LatentMeans(PatchVae net, PatchBank bank)
    {
        using var noGrad = no_grad();
        var means = new float[bank.Count][];
        const int Chunk = 256;
        for (int start = 0; start < bank.Count; start += Chunk)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(Chunk, bank.Count - start);
            var (mean, _) = net.forward(tensor(bank.Slice(start, n), [n, 3, bank.Patch, bank.Patch]));
            var flat = mean.flatten(1).contiguous().data<float>().ToArray();
            int l = flat.Length / n;
            for (int i = 0; i < n; i++)
            {
                means[start + i] = flat.AsSpan(i * l, l).ToArray();
            }
        }

        return means;
    }

    /// <summary>Decodes latent vectors (each of length L) to P×P patches as planar RGB floats.</summary>
    public static float[][] Decode(PatchDecoder decoder, IReadOnlyList<float[]> latents)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        int l = decoder.Latent, n = latents.Count;
        var z = tensor(latents.SelectMany(v => v).ToArray(), [n, l, 1, 1]);
        var flat = decoder.forward(z).contiguous().data<float>().ToArray();
        int size = flat.Length / n;
        return Enumerable.Range(0, n).Select(i => flat.AsSpan(i * size, size).ToArray()).ToArray();
    }
}
