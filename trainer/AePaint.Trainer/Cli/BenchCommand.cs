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
/// `aepaint-train bench`: training step time and samples/s per preset (or per recipe, at its batch shape) on this
/// machine, split into forward + loss, backward, gradient clipping, AdamW and the EMA update, on random data of the
/// real shapes, so recipes can be sized to a time budget and the bookkeeping around the nets seen. Figures, not
/// assertions.
/// </summary>
internal static class BenchCommand
{
    private const int WarmUpSteps = 3;

    public static Command Create()
    {
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 8 };
        var patch = new Option<int>("--patch") { Description = "Input patch side", DefaultValueFactory = _ => 64 };
        var steps = new Option<int>("--steps") { Description = $"Timed steps per net and round (after {WarmUpSteps} warm-up steps)", DefaultValueFactory = _ => 10 };
        var threads = new Option<int?>("--threads");
        var only = new Option<string?>("--preset") { Description = "Only this preset (default: every preset)" };
        var recipes = new Option<string[]>("--recipe")
        {
            Description = "Time this recipe's net at its batch, patch, loss, gradClip, weightDecay and ema instead of the presets (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var rounds = new Option<int>("--rounds") { Description = "Rounds over the nets, interleaved (one row per net and round)", DefaultValueFactory = _ => 1 };
        var clip = new Option<double>("--clip") { Description = "Gradient clipping norm for the presets (0 = off, as torch_reference.py)", DefaultValueFactory = _ => 0.0 };
        var ema = new Option<double>("--ema") { Description = "EMA decay for the presets (0 = off)", DefaultValueFactory = _ => 0.0 };
        var channelsLast = new Option<bool>("--channels-last") { Description = "Time each net also with its weights and batches laid out channels-last (NHWC), interleaved with the default layout" };
        var layoutCheck = new Option<bool>("--layout-check") { Description = "Instead of timing: each net's float32 gradients against float64 in both layouts on every conv path" };
        var cmd = new Command("bench", "Time training steps per preset or recipe (step time split into its parts, samples/s)")
        {
            batch, patch, steps, threads, only, recipes, rounds, clip, ema, channelsLast, layoutCheck,
        };
        cmd.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            var info = TorchRuntime.Initialize(pr.GetValue(threads));
            int n = pr.GetValue(steps);
            var files = pr.GetValue(recipes) ?? [];
            var cases = (files.Length > 0
                    ? files.Select(BenchCase.FromRecipe)
                    : BenchCase.Presets(pr.GetValue(batch), pr.GetValue(patch), pr.GetValue(clip), pr.GetValue(ema)))
                .Where(c => pr.GetValue(only) is not { } name || c.Preset == name)
                .ToList();
            if (pr.GetValue(layoutCheck))
            {
                o.WriteLine($"{info}; max relative float32-vs-float64 gradient error over each net's parameters (NetGradientCheck; ≤ {ConvGradientCheck.Tolerance:G1} is right)");
                o.WriteLine(LayoutCheck.Header);
                o.WriteLine("|---|---|---:|---:|---:|");
                foreach (var c in cases)
                {
                    TorchRuntime.InitializeForTraining(pr.GetValue(threads), c.Spec);
                    foreach (var row in LayoutCheck.Rows(c.Spec, $"{c.Spec} ×{c.Scale}"))
                    {
                        o.WriteLine(row);
                    }
                }

                return 0;
            }

            var layouts = pr.GetValue(channelsLast) ? new[] { false, true } : [false];
            o.WriteLine($"{info}; {n} timed steps per net and round; mean ms per step: forward + loss, backward, clip_grad_norm_, AdamW (with zero_grad), EMA");
            o.WriteLine("| round | net | batch × input patch | conv | forward + loss | backward | clip | AdamW | EMA | ms/step | clip + AdamW + EMA | samples/s |");
            o.WriteLine("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int round = 1; round <= pr.GetValue(rounds); round++)
            {
                foreach (var (c, nhwc) in cases.SelectMany(c => layouts.Select(l => (c, l))))
                {
                    var conv = TorchRuntime.InitializeForTraining(pr.GetValue(threads), c.Spec).Arithmetic.Path; // as training would run it
                    using var net = TrainableNet.Create(c.Task, c.Preset, c.Scale, 1);
                    var s = TimeSteps(net, c, n, nhwc);
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {round} | {net.Architecture} ×{c.Scale}{(nhwc ? ", channels-last" : "")} | {c.Batch} × {c.Patch}² | {Short(conv)} | {s.Forward:F0} | {s.Backward:F0} | {s.Clip:F1} | {s.Optimizer:F1} | {s.Ema:F1} | {s.Total:F0} | {100 * s.Bookkeeping / s.Total:F1} % | {c.Batch * 1000 / s.Total:F1} |"));
                }
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

    /// <summary>Mean milliseconds of each part of a training step, as <see cref="TrainingLoop"/> runs it (<paramref name="channelsLast"/>: weights and batches laid out NHWC).</summary>
    public static StepSplit TimeSteps(TrainableNet net, BenchCase c, int steps, bool channelsLast = false)
    {
        if (channelsLast)
        {
            ChannelsLast.Convert(net.Module); // before the optimizer and EMA take their copies' layout from the weights
        }

        using var optimizer = new AdamW(net.Module.parameters(), lr: 1e-4, weightDecay: c.WeightDecay);
        using var ema = c.Ema > 0 ? new WeightEma(net, c.Ema) : null;
        int cin = net.Task == ModelTask.Denoise ? 4 : 3;
        using var input = Layout(rand(c.Batch, cin, c.Patch, c.Patch), channelsLast);
        using var target = Layout(rand(c.Batch, 3, c.Patch * net.Scale, c.Patch * net.Scale), channelsLast);
        var sums = new double[5];
        var clock = new Stopwatch();
        for (int i = 0; i < steps + WarmUpSteps; i++)
        {
            using var scope = NewDisposeScope();
            bool timed = i >= WarmUpSteps;
            void Lap(int part)
            {
                sums[part] += timed ? clock.Elapsed.TotalMilliseconds : 0;
                clock.Restart();
            }

            clock.Restart();
            var loss = TrainingLoop.PixelLoss(c.Loss, net.Module.forward(input) - target);
            _ = loss.item<float>(); // the loop reads the loss before backward
            Lap(0);
            loss.backward();
            Lap(1);
            if (c.GradClip > 0)
            {
                nn.utils.clip_grad_norm_(net.Module.parameters(), c.GradClip);
            }

            Lap(2);
            optimizer.Step();
            optimizer.ZeroGrad();
            Lap(3);
            ema?.Update(net, i);
            Lap(4);
        }

        return new StepSplit(sums[0] / steps, sums[1] / steps, sums[2] / steps, sums[3] / steps, sums[4] / steps);
    }

    private static Tensor Layout(Tensor t, bool channelsLast)
    {
        if (!channelsLast)
        {
            return t;
        }

        using (t)
        {
            return ChannelsLast.Of(t);
        }
    }
}
