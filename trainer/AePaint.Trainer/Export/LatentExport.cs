using System.Globalization;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.OnnxFormat;
using AePaint.Trainer.Latent;
using AePaint.Trainer.Nets;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Export;

/// <summary>
/// Writes the embedder (a patch encoder: [1, 3, P, P] → [1, D, 1, 1], card task "embed") and the VAE decoder
/// ([1, L, 1, 1] → [1, 3, P, P], card task "generate") as ONNX with their cards, then loads each with the engine and
/// compares ONNX Runtime with TorchSharp on random inputs (and bank patches); above <see cref="OnnxExporter.Tolerance"/>
/// the files are deleted and the export fails, as for every other model.
/// </summary>
internal static class LatentExport
{
    public static double ExportEncoder(PatchEncoder encoder, int patch, int latent, ModelCard card, string path, PatchBank? bank = null)
    {
        var b = new OnnxGraphBuilder(card.Name);
        var x = b.Input("input", 3, patch, patch);
        b.Output("output", encoder.Export(b, x), latent, 1, 1);
        var rng = new Random(7);
        var probes = Enumerable.Range(0, 3).Select(_ => Random(rng, 3 * patch * patch, uniform: true)).ToList();
        if (bank != null)
        {
            probes.Add(bank.Slice(0, 1));
            probes.Add(bank.Slice(bank.Count - 1, 1));
        }

        return WriteAndCheck(b, card, path, encoder, probes, [1, 3, patch, patch]);
    }

    public static double ExportDecoder(PatchDecoder decoder, ModelCard card, string path)
    {
        var b = new OnnxGraphBuilder(card.Name);
        var z = b.Input("input", decoder.Latent, 1, 1);
        b.Output("output", decoder.Export(b, z), 3, decoder.Patch, decoder.Patch);
        var rng = new Random(7);
        var probes = Enumerable.Range(0, 4).Select(_ => Random(rng, decoder.Latent, uniform: false)).ToList();
        return WriteAndCheck(b, card, path, decoder, probes, [1, decoder.Latent, 1, 1]);
    }

    /// <summary>The card fields common to both: provenance, architecture, size.</summary>
    public static ModelCard Card(LatentOptions o, ModelTask task, nn.Module exported, IReadOnlyList<LatentStep> steps, TimeSpan wall, PatchBank bank)
    {
        var last = steps.TakeLast(Math.Max(1, steps.Count / 20)).ToArray();
        var metrics = new List<MetricEntry>();
        if (last.Length > 0)
        {
            metrics.Add(new MetricEntry("training patches", "mse", Math.Round(last.Average(s => s.Mse), 6), $"mean of the last {last.Length} steps"));
            if (o.Kind == "vae")
            {
                metrics.Add(new MetricEntry("training patches", "kl", Math.Round(last.Average(s => s.Kl), 4), $"mean of the last {last.Length} steps, nats per patch"));
            }
        }

        return new ModelCard
        {
            Name = o.Name,
            Task = task,
            Description = task == ModelTask.Embed
                ? $"AePaint patch embedder: the encoder of a conv autoencoder on {o.Patch}×{o.Patch} photo patches, pooled to {o.Latent} values; an image's embedding is the mean over a fixed patch grid."
                : $"AePaint VAE decoder: a {o.Latent}-D latent vector → a {o.Patch}×{o.Patch} RGB patch (β {o.Beta.ToString(CultureInfo.InvariantCulture)}).",
            Architecture = task == ModelTask.Embed ? $"aepaint-patch-encoder-w{o.Width}" : $"aepaint-patch-vae-decoder-w{o.Width}",
            InputChannels = task == ModelTask.Embed ? 3 : o.Latent,
            OutputChannels = task == ModelTask.Embed ? o.Latent : 3,
            Parameters = exported.parameters().Sum(p => p.numel()),
            Author = "AePaint",
            License = "CC-BY-4.0",
            Date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Training = new TrainingInfo
            {
                Data = string.Join(", ", o.Data.Select(d => Path.GetFileName(Path.TrimEndingDirectorySeparator(d)))),
                Steps = steps.Count,
                Recipe = o.ToJson(),
                Trainer = "aepaint-train " + typeof(LatentExport).Assembly.GetName().Version?.ToString(3),
                WallTimeHours = Math.Round(wall.TotalHours, 3),
                Photos = bank.PhotoCount,
            },
            Metrics = metrics,
            Tags = [task == ModelTask.Embed ? "embed" : "generate", "aepaint"],
        };
    }

    internal static double WriteAndCheck(OnnxGraphBuilder b, ModelCard card, string path, nn.Module<Tensor, Tensor> net, IReadOnlyList<float[]> probes, long[] shape)
    {
        OnnxModelFile.WriteWithCard(b.Build(), card, path);
        try
        {
            double worst = 0;
            using var session = ModelSession.Open(path, ExecutionDevice.Cpu);
            foreach (var probe in probes)
            {
                var onnx = session.Run(new PlanarImage((int)shape[1], (int)shape[3], (int)shape[2], (float[])probe.Clone())).Data;
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var torchOut = net.forward(tensor(probe, shape)).contiguous().data<float>().ToArray();
                if (torchOut.Length != onnx.Length)
                {
                    throw new InvalidOperationException($"{path}: export shape mismatch: TorchSharp gives {torchOut.Length} values, ONNX {onnx.Length}");
                }

                worst = Math.Max(worst, torchOut.Zip(onnx, (t, o) => (double)Math.Abs(t - o)).Max());
            }

            if (worst > OnnxExporter.Tolerance)
            {
                throw new InvalidOperationException($"{path}: ONNX export disagrees with the TorchSharp net by {worst:E2} (> {OnnxExporter.Tolerance:E0}); export removed");
            }

            return worst;
        }
        catch
        {
            OnnxExporter.Remove(path);
            throw;
        }
    }

    private static float[] Random(Random rng, int n, bool uniform) =>
        Enumerable.Range(0, n).Select(_ => uniform ? (float)rng.NextDouble() : (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()))).ToArray();
}
