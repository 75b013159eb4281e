using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Cli;

/// <summary>
/// `aepaint-train bench`: training step time and samples/s per preset on this machine (AdamW step on random
/// data of the real shapes), so recipes can be sized to a time budget. Figures, not assertions.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 8 };
        var patch = new Option<int>("--patch") { Description = "Input patch side", DefaultValueFactory = _ => 64 };
        var steps = new Option<int>("--steps") { Description = "Timed steps per preset (after 3 warm-up steps)", DefaultValueFactory = _ => 10 };
        var threads = new Option<int?>("--threads");
        var only = new Option<string?>("--preset") { Description = "Only this preset (default: every preset)" };
        var cmd = new Command("bench", "Time training steps per preset (step time, samples/s)") { batch, patch, steps, threads, only };
        cmd.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            var info = TorchRuntime.Initialize(pr.GetValue(threads));
            int b = pr.GetValue(batch), p = pr.GetValue(patch), n = pr.GetValue(steps);
            o.WriteLine($"{info}; batch {b}, input patch {p}×{p}, {n} timed steps");
            o.WriteLine("| net | params | MAC/px | conv | ms/step | samples/s | input MP/s |");
            o.WriteLine("|---|---:|---:|---|---:|---:|---:|");
            foreach (var (task, preset, scale) in Cases().Where(c => pr.GetValue(only) is not { } name || c.Preset == name))
            {
                var conv = TorchRuntime.InitializeForTraining(pr.GetValue(threads), new NetSpec(task, preset, scale)).Arithmetic.Path; // as training would run it
                using var net = TrainableNet.Create(task, preset, scale, 1);
                double ms = TimeSteps(net, b, p, n);
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {net.Architecture} ×{scale} | {net.Parameters:N0} | {net.MacsPerPixel:N0} | {Short(conv)} | {ms:F0} | {b * 1000 / ms:F1} | {b * p * p / ms / 1000:F3} |"));
            }

            return 0;
        });
        return cmd;
    }

    private static string Short(ConvPath path) => path switch
    {
        ConvPath.OneDnn => "oneDNN",
        ConvPath.OneDnnAligned => "oneDNN, padded edges",
        _ => "ATen",
    };

    private static IEnumerable<(ModelTask Task, string Preset, int Scale)> Cases()
    {
        foreach (var p in NetPreset.Denoise.Keys)
        {
            yield return (ModelTask.Denoise, p, 1);
        }

        foreach (var p in NetPreset.SuperResolution.Keys)
        {
            yield return (ModelTask.SuperResolution, p, 2);
        }
    }

    /// <summary>Mean milliseconds of one forward + backward + AdamW step.</summary>
    public static double TimeSteps(TrainableNet net, int batch, int patch, int steps)
    {
        using var optimizer = new AdamW(net.Module.parameters(), lr: 1e-4);
        int cin = net.Task == ModelTask.Denoise ? 4 : 3;
        using var input = rand(batch, cin, patch, patch);
        using var target = rand(batch, 3, patch * net.Scale, patch * net.Scale);
        var clock = new Stopwatch();
        for (int i = 0; i < steps + 3; i++)
        {
            if (i == 3)
            {
                clock.Start();
            }

            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = (net.Module.forward(input) - target).abs().mean();
            loss.backward();
            optimizer.Step();
        }

        return clock.Elapsed.TotalMilliseconds / steps;
    }
}
