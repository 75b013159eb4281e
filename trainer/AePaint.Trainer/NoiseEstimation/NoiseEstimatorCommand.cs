using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AePaint.Imaging.Files;
using AePaint.Inference.Cards;
using AePaint.OnnxFormat;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.NoiseEstimation;

/// <summary>`aepaint-train noise train`: fits the <see cref="NoiseNet"/> to a label set and exports it with its card.</summary>
internal static class NoiseEstimatorCommand
{
    public const string ModelName = "noise-level";

    public static Command Train()
    {
        var labels = new Option<string>("--labels") { Description = "Folder written by `aepaint-train noise labels`", Required = true };
        var minutes = new Option<double>("--minutes") { Description = "Time budget", DefaultValueFactory = _ => 10 };
        var steps = new Option<long>("--steps") { Description = "Step limit", DefaultValueFactory = _ => 100_000 };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 16 };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => 1e-3 };
        var width = new Option<int>("--width") { Description = "Channels of the first conv", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = "TorchSharp threads (default: all cores)" };
        var crop = new Option<int>("--crop") { Description = "Side of the random windows trained on (≤ the labelled crops' side; scored on whole crops)", DefaultValueFactory = _ => 64 };
        var init = new Option<string?>("--init") { Description = "Start from an estimator exported earlier (its ONNX file) instead of fresh weights" };
        var output = new Option<string>("--output", "-o") { Description = "The ONNX file to write (its card beside it)", Required = true };
        var cmd = new Command("train", "Fit the small estimator net to labelled crops, export it to ONNX (checked against ONNX Runtime)") { labels, minutes, steps, batch, lr, width, seed, threads, crop, init, output };
        cmd.SetAction((pr, ct) =>
        {
            string onnx = pr.GetValue(output)!;
            OutputPolicy.CheckTarget(onnx, new HashSet<FileIdentity>(), overwrite: false, "(choose another -o)");
            var log = pr.InvocationConfiguration.Output;
            log.WriteLine(TorchRuntime.InitializeForTraining(pr.GetValue(threads)).ToString());
            var set = NoiseLabelSet.Load(pr.GetValue(labels)!);
            int window = pr.GetValue(crop);
            if (window < 16 || window > set.Size || window % 8 != 0)
            {
                throw new TrainerException($"--crop {window}: use a multiple of 8 from 16 to {set.Size}");
            }

            log.WriteLine($"{set.Count} labelled {set.Size}² crops ({set.Labels.Count(l => l.Index % 10 == 0)} held out)");
            var clock = Stopwatch.StartNew();
            using var net = new NoiseNet(ModelName, pr.GetValue(width));
            if (pr.GetValue(init) is { } from)
            {
                Import(net, from);
                log.WriteLine($"started from {from}");
            }
            else
            {
                SeededInit.Apply(net, pr.GetValue(seed));
                net.HighPassStart(net.Width * 2 / 3, 8f, pr.GetValue(seed));
                net.SetOutputBias((float)set.Labels.Average(l => Math.Log(1 + l.BestSigma)));
            }

            var score = NoiseNetTraining.Train(net, set, window, pr.GetValue(batch), pr.GetValue(minutes), pr.GetValue(steps), pr.GetValue(lr), pr.GetValue(seed), log, ct);
            foreach (var line in score.Lines())
            {
                log.WriteLine("held out " + line);
            }

            var parity = Export(net, set, score, clock.Elapsed, onnx);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {onnx}: {net.parameters().Sum(p => p.numel()):N0} params, {net.MacsPerInputPixel:N0} MACs per input pixel; parity {parity:E1}"));
            return Task.FromResult(0);
        });
        return cmd;
    }

    /// <summary>Copies an exported estimator's conv weights into <paramref name="net"/> (same width), pairing layers by the export trace.</summary>
    public static void Import(NoiseNet net, string path)
    {
        var proto = OnnxModelFile.Read(path);
        var probe = new OnnxGraphBuilder("probe");
        var trace = ExportTrace.Capture(() => net.Export(probe, probe.Input("input", 3, 64, 64)));
        var nodes = proto.Graph.Node.Where(n => n.OpType == "Conv").ToDictionary(n => n.Output[0]);
        var initializers = proto.Graph.Initializer.ToDictionary(t => t.Name);
        if (trace.Count != nodes.Count || trace.Any(t => !nodes.ContainsKey(t.Output)))
        {
            throw new TrainerException($"{path}: not a noise-level estimator of width {net.Width}");
        }

        using var noGrad = TorchSharp.torch.no_grad();
        foreach (var (layer, name) in trace)
        {
            OnnxWeightImport.Copy(initializers[nodes[name].Input[1]], layer.Inner.weight!, path);
            OnnxWeightImport.Copy(initializers[nodes[name].Input[2]], layer.Inner.bias!, path);
        }
    }

    /// <summary>Writes the ONNX file and card ([1, 3, P, P] → [1, 1, 1, 1]: log(1 + σ)) and checks it against ONNX Runtime.</summary>
    public static double Export(NoiseNet net, NoiseLabelSet set, NoiseNetScore score, TimeSpan wall, string path)
    {
        var card = new ModelCard
        {
            Name = ModelName,
            Task = ModelTask.Embed,
            Description = $"AePaint noise-level estimator: a {set.Size}×{set.Size} RGB patch in, log(1 + σ) out — the σ (0..255) that denoise-fast does best with on it. An image's σ is read from the mean over a grid of patches.",
            Architecture = $"aepaint-noise-net-w{net.Width}",
            InputChannels = 3,
            OutputChannels = 1,
            Parameters = net.parameters().Sum(p => p.numel()),
            Author = "AePaint",
            License = "CC-BY-4.0",
            Date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Training = new TrainingInfo
            {
                Data = $"{set.Count} crops of the training photos labelled by aepaint-train noise labels",
                Steps = score.Steps,
                Trainer = "aepaint-train " + typeof(NoiseEstimatorCommand).Assembly.GetName().Version?.ToString(3),
                WallTimeHours = Math.Round(wall.TotalHours, 3),
            },
            Metrics =
            [
                new MetricEntry("held-out crops", "mean gap dB", Math.Round(score.MeanGap, 3), $"{score.Gaps.Count} crops: best PSNR of the σ grid minus PSNR at the predicted σ"),
                new MetricEntry("held-out crops", "within 0.3 dB", Math.Round(score.WithinShare, 3), "share of crops"),
            ],
            Tags = ["noise-level", "aepaint"],
        };
        var b = new OnnxGraphBuilder(ModelName);
        var x = b.Input("input", 3, set.Size, set.Size);
        b.Output("output", net.Export(b, x), 1, 1, 1);
        int per = 3 * set.Size * set.Size;
        var probes = new[] { 0, set.Count / 2, set.Count - 1 }.Select(k =>
        {
            var p = new float[per];
            set.Read(k, p);
            return p;
        }).ToList();
        return LatentExport.WriteAndCheck(b, card, path, net, probes, [1, 3, set.Size, set.Size]);
    }
}
