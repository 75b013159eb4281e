using System.CommandLine;
using System.Globalization;
using AePaint.Trainer.Export;
using AePaint.Trainer.Training;
using Spectre.Console;

namespace AePaint.Trainer.Cli;

/// <summary>`aepaint-train denoise|sr`: options file + flags → a run folder with checkpoints, curves and the exported model.</summary>
internal static class TrainCommand
{
    public static Command Create(string task, string description)
    {
        var data = new Option<string[]>("--data", "-d") { Description = "Photo folder(s), searched recursively (JPEG, PNG, WebP)", AllowMultipleArgumentsPerToken = true };
        var optionsFile = new Option<string?>("--options") { Description = "JSON options file (flags override it)" };
        var preset = new Option<string?>("--preset", "-p") { Description = "tiny | small | base (see `aepaint-train presets`)" };
        var scale = new Option<int?>("--scale", "-s") { Description = "SR factor 2, 3 or 4" };
        var minutes = new Option<double?>("--minutes") { Description = "Wall-clock budget; stops (checkpoint + export) when reached" };
        var steps = new Option<long?>("--steps") { Description = "Total optimizer steps (the cosine schedule spans these)" };
        var batch = new Option<int?>("--batch") { Description = "Patches per step" };
        var patch = new Option<int?>("--patch") { Description = "Patch size in pixels (input side for SR)" };
        var lr = new Option<double?>("--lr") { Description = "Peak learning rate" };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: all cores)" };
        var seed = new Option<long?>("--seed");
        var name = new Option<string?>("--name") { Description = "Model name written into the card and the .onnx file name" };
        var exclude = new Option<string[]>("--exclude") { Description = "Files or file names to keep out of training (e.g. evaluation images)", AllowMultipleArgumentsPerToken = true };
        var run = new Option<string?>("--run") { Description = "Run folder (default runs/<task>-<time>)" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run folder's latest checkpoint exactly" };
        var device = new Option<string?>("--device") { Description = "cpu (default) or cuda (Windows CUDA build only; untested here)" };
        var output = new Option<string?>("--output", "-o") { Description = "Also copy the exported .onnx (and card) here" };
        var listData = new Option<bool>("--list-data") { Description = "Print which photos would train, validate, be excluded or skipped (the run's data.txt) and stop" };
        var cmd = new Command(task, description);
        foreach (var o in new Option[] { data, optionsFile, preset, scale, minutes, steps, batch, patch, lr, threads, seed, name, exclude, run, resume, device, output, listData })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction((pr, ct) =>
        {
            var baseOptions = pr.GetValue(optionsFile) is { } f ? TrainOptions.Load(f) : new TrainOptions();
            var o = baseOptions with
            {
                Task = task,
                Scale = pr.GetValue(scale) ?? (task == "denoise" ? 1 : baseOptions.Scale < 2 ? 2 : baseOptions.Scale),
                Preset = pr.GetValue(preset) ?? baseOptions.Preset,
                Data = pr.GetValue(data) is { Length: > 0 } d ? [.. d.Select(Path.GetFullPath)] : baseOptions.Data,
                Exclude = pr.GetValue(exclude) is { Length: > 0 } x ? [.. x] : baseOptions.Exclude,
                Minutes = pr.GetValue(minutes) ?? baseOptions.Minutes,
                Steps = pr.GetValue(steps) ?? baseOptions.Steps,
                BatchSize = pr.GetValue(batch) ?? baseOptions.BatchSize,
                PatchSize = pr.GetValue(patch) ?? baseOptions.PatchSize,
                LearningRate = pr.GetValue(lr) ?? baseOptions.LearningRate,
                Threads = pr.GetValue(threads) ?? baseOptions.Threads,
                Seed = pr.GetValue(seed) ?? baseOptions.Seed,
                Name = pr.GetValue(name) ?? baseOptions.Name,
                Device = pr.GetValue(device) ?? baseOptions.Device,
            };
            if (pr.GetValue(listData))
            {
                var problems = o.Problems();
                if (problems.Count > 0)
                {
                    throw new TrainerException("bad options: " + string.Join("; ", problems));
                }

                pr.InvocationConfiguration.Output.Write(PhotoTrainingData.Open(o, TextWriter.Null).FileList());
                return Task.FromResult(0);
            }

            return Task.FromResult(Train(pr, o, pr.GetValue(run), pr.GetValue(resume), pr.GetValue(output), ct));
        });
        return cmd;
    }

    private static int Train(ParseResult pr, TrainOptions options, string? runDir, bool resume, string? copyTo, CancellationToken cancel)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new TrainerException("bad options: " + string.Join("; ", problems));
        }

        if (options.Device == "cuda" && !TorchSharp.torch.cuda.is_available())
        {
            throw new TrainerException("--device cuda: this build has no CUDA backend (build with -p:AePaintTorch=cuda on Windows); use --device cpu");
        }

        var log = pr.InvocationConfiguration.Output;
        runDir ??= Path.Combine("runs", $"{options.Task}-{DateTime.Now:yyyyMMdd-HHmmss}");
        if (resume && Checkpoint.Latest(runDir) is null)
        {
            throw new TrainerException($"{runDir}: nothing to resume (no checkpoints)");
        }

        var info = TorchRuntime.Initialize(options.Threads == 0 ? null : options.Threads);
        log.WriteLine($"{info}");
        var data = PhotoTrainingData.Open(options, log);
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "data.txt"), data.FileList());
        using var ctrlC = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, ctrlC.Token);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // first Ctrl+C: finish the step, write a checkpoint, exit
            ctrlC.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        TrainResult result;
        try
        {
            result = RunWithProgress(options, data, runDir, resume, log, linked.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        if (result.Cancelled)
        {
            log.WriteLine($"stopped at step {result.Steps}; checkpoint {result.LastCheckpoint}. Continue with --resume --run {runDir}");
            return 130;
        }

        var checkpoint = result.BestCheckpoint ?? result.LastCheckpoint;
        var onnx = Path.Combine(runDir, options.Name + ".onnx");
        var (card, parity) = CheckpointExport.Export(checkpoint, onnx, options.Name, data.Sample);
        log.WriteLine($"exported {onnx} from {Path.GetFileName(checkpoint)}: {card.Parameters:N0} params, {card.MacsPerPixel:N0} MAC/px, RF {card.ReceptiveField}, validation {string.Join(", ", card.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Metric} {m.Value}")))}; parity {CheckpointExport.Describe(parity)}");
        if (copyTo != null)
        {
            File.Copy(onnx, copyTo, overwrite: true);
            File.Copy(Path.ChangeExtension(onnx, ".json"), Path.ChangeExtension(copyTo, ".json"), overwrite: true);
            log.WriteLine($"copied to {copyTo}");
        }

        return 0;
    }

    private static TrainResult RunWithProgress(TrainOptions options, ITrainingData data, string runDir, bool resume, TextWriter log, CancellationToken cancel)
    {
        var loop = new TrainingLoop(options, data, runDir, log);
        bool interactive = ReferenceEquals(log, Console.Out) && !Console.IsOutputRedirected;
        if (!interactive)
        {
            long every = Math.Max(1, options.ValidateEvery / 5);
            return loop.Run(resume, cancel, r =>
            {
                if (r.Step % every == 0)
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {r.Step}/{r.TotalSteps} loss {r.Loss:F5} lr {r.LearningRate:E2} {r.StepsPerSecond:F2} it/s elapsed {r.Elapsed:hh\\:mm\\:ss} eta {r.Eta:hh\\:mm\\:ss}"));
                }
            });
        }

        TrainResult result = null!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask("training", maxValue: options.Steps);
                result = loop.Run(resume, cancel, r =>
                {
                    bar.Value = r.Step;
                    bar.Description = string.Create(CultureInfo.InvariantCulture, $"step {r.Step}/{r.TotalSteps} loss {r.Loss:F4} {r.StepsPerSecond:F2} it/s");
                });
            });
        return result;
    }
}
