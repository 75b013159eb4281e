using System.CommandLine;
using System.Globalization;
using AePaint.Imaging.Files;
using AePaint.Trainer.Export;
using AePaint.Trainer.Training;
using Spectre.Console;

namespace AePaint.Trainer.Cli;

/// <summary>`aepaint-train denoise|sr`: recipe + flags → a run folder with checkpoints, curves and the exported model.</summary>
internal static class TrainCommand
{
    public static Command Create(string task, string description)
    {
        var optionsFile = new Option<string?>("--options") { Description = "JSON recipe (trainer/README.md, \"Recipe\"); flags override it" };
        var flags = new RecipeFlags();
        var run = new Option<string?>("--run") { Description = "Run folder (default runs/<task>-<time>)" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run folder's latest checkpoint exactly" };
        var output = new Option<string?>("--output", "-o") { Description = "Also copy the exported .onnx (and card) here" };
        var overwrite = new Option<bool>(ModelTarget.OverwriteOption) { Description = "With -o: replace an existing .onnx and card there" };
        var listData = new Option<bool>("--list-data") { Description = "Print which photos would train, validate, be excluded or skipped (the run's data.txt) and stop" };
        var install = new Option<bool>("--install") { Description = "Install the exported model into the per-user models folder, where the plugin finds it" };
        var installTo = new Option<string?>("--install-to") { Description = "Models folder for --install (default: the per-user one)" };
        var cmd = new Command(task, description);
        cmd.Options.Add(DomainStamp.EmbedderOption);
        foreach (var o in new Option[] { optionsFile, run, resume, output, overwrite, listData, install, installTo }.Concat(flags.All))
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction((pr, ct) =>
        {
            var file = pr.GetValue(optionsFile);
            var baseOptions = file is null ? new TrainOptions() : TrainOptions.Load(file);
            var source = file ?? "options"; // problems name the recipe file (or the flags alone)
            var fileKeys = file is null ? new HashSet<string>() : TrainOptions.KeysIn(file);
            var o = flags.Apply(pr, task, baseOptions, fileKeys);
            var explicitKeys = fileKeys.Union(flags.KeysSet(pr)).ToHashSet();
            if (o.FineTune.From is { } f0)
            {
                o = FineTuneOptions(o, f0, explicitKeys);
            }

            if (pr.GetValue(listData))
            {
                o.ThrowIfInvalid(source);
                o = Calibrated(o, pr.InvocationConfiguration.Output);

                pr.InvocationConfiguration.Output.Write(PhotoTrainingData.Open(o, TextWriter.Null).FileList());
                return Task.FromResult(0);
            }

            if (pr.GetValue(output) is { } target)
            {
                ModelTarget.CheckFree(target, pr.GetValue(overwrite));
            }

            var installFolder = pr.GetValue(install) || pr.GetValue(installTo) is not null ? pr.GetValue(installTo) ?? Inference.ModelCatalog.UserFolder : null;
            return Task.FromResult(Train(pr, o, source, pr.GetValue(run), pr.GetValue(resume), pr.GetValue(output), installFolder, ct));
        });
        return cmd;
    }

    /// <summary>--calibrate: an ISO series' noise (<see cref="NoiseCalibration"/>), or with cleanPhotos a camera fitted from its noisy photos.</summary>
    private static TrainOptions Calibrated(TrainOptions o, TextWriter log) =>
        !o.Degradation.Noise.Calibrate ? o
        : o.Degradation.Noise.CleanPhotos is null ? NoiseCalibration.Apply(o, log)
        : FineTuneCamera.Fit(o, log);

    /// <summary>--from: the resolved base, its preset (and scale), and the small-set defaults where nothing was set.</summary>
    private static TrainOptions FineTuneOptions(TrainOptions o, string from, IReadOnlySet<string> explicitKeys)
    {
        var path = FineTune.Resolve(from);
        var (baseTask, basePreset, baseScale, _) = FineTune.Describe(path);
        if ((baseTask == Inference.Cards.ModelTask.Denoise) != (o.Task == "denoise") || (o.Task == "sr" && baseScale != o.Network.Scale))
        {
            throw new TrainerException($"--from {from}: a {(baseTask == Inference.Cards.ModelTask.Denoise ? "denoise" : $"sr ×{baseScale}")} model cannot start this {o.Task}{(o.Task == "sr" ? $" ×{o.Network.Scale}" : "")} run");
        }

        if (explicitKeys.Contains("network.preset") && o.Network.Preset != basePreset)
        {
            throw new TrainerException($"--from {from}: the base is preset {basePreset}; a fine-tune keeps the base's net (drop --preset {o.Network.Preset})");
        }

        var tuned = FineTune.WithDefaults(o with { FineTune = o.FineTune with { From = path }, Network = o.Network with { Preset = basePreset } }, explicitKeys);
        return FineTune.InheritNoise(tuned, FineTune.BaseRecipe(path), explicitKeys);
    }

    private static int Train(ParseResult pr, TrainOptions options, string source, string? runDir, bool resume, string? copyTo, string? installTo, CancellationToken cancel)
    {
        options.ThrowIfInvalid(source);

        if (options.Run.Device == "cuda" && !TorchSharp.torch.cuda.is_available())
        {
            throw new TrainerException("--device cuda: this build has no CUDA backend (build with -p:AePaintTorch=cuda on Windows); use --device cpu");
        }

        var log = pr.InvocationConfiguration.Output;
        runDir ??= Path.Combine("runs", $"{options.Task}-{DateTime.Now:yyyyMMdd-HHmmss}");
        OutputPolicy.CheckFreshFolder(runDir, resume, "a new run there would replace its checkpoints, model and samples: pass --resume to continue it, or choose another --run");
        var onnx = SafePath.Below(runDir, options.Name + ".onnx", "--name"); // before hours of training, not after
        if (resume && Checkpoint.Latest(runDir) is null)
        {
            throw new TrainerException($"{runDir}: nothing to resume (no checkpoints)");
        }

        var info = TorchRuntime.InitializeForTraining(options.Run.Threads == 0 ? null : options.Run.Threads, NetSpec.Of(options));
        log.WriteLine($"{info}; layout {NetSpec.Of(options).Layout}");
        options = Calibrated(options, log); // before the photos are opened: it decides which ones train
        var data = PhotoTrainingData.Open(options, log);
        if (options.Degradation.Noise.FittedCamera is { Sigma: null })
        {
            // The validation crops went through the fitted camera already; their σ plane is chosen on them, then set.
            options = FineTuneCamera.PickSigma(options, data, runDir, log);
            data = PhotoTrainingData.Open(options, TextWriter.Null);
        }

        if (options.FineTune.From != null && data.HoldoutCount == 0)
        {
            throw new TrainerException("fine-tuning needs held-out photos to compare with the base, and none gave a validation crop (give at least 2 photos, each at least validationCrop px after preDownscale)");
        }

        double correlation = options.NoisyOnly.Enabled ? NoiseCorrelation.DifferenceRatio(data.Validation) : double.NaN;
        if (options.NoisyOnly.Enabled)
        {
            log.WriteLine(NoiseCorrelation.Describe(correlation));
        }

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

        // `kill <pid>` does the same for a run in the background, whose shell may have started it with SIGINT ignored.
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            ctrlC.Cancel();
        });
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
        string? baseName = null;
        if (options.FineTune.From is { } from)
        {
            baseName = FineTune.Describe(from).Name;
            var baseline = FineTuneCamera.Baseline(result.Base!, options.Degradation.Noise.FittedCamera, log);
            var verdict = FineTune.Unverifiable(FineTune.Judge(baseline, result.BestScore, result.BestStep, options.FineTune.MinGain, baseName, data.HoldoutCount), correlation, baseName);
            File.WriteAllText(Path.Combine(runDir, "holdout.txt"), verdict.Message + Environment.NewLine);
            log.WriteLine(verdict.Message);
            if (!verdict.Export)
            {
                log.WriteLine(installTo != null ? "--install: nothing installed." : $"checkpoints stay in {Checkpoint.Folder(runDir)}.");
                return 0;
            }

            checkpoint = result.BestCheckpoint!;
        }

        var context = new ExportContext(data.PhotoCount, data.HoldoutCount, baseName);
        var (card, parity) = CheckpointExport.Export(checkpoint, onnx, options.Name, data.Sample, context);
        log.WriteLine($"exported {onnx} from {Path.GetFileName(checkpoint)}: {card.Parameters:N0} params, {card.MacsPerPixel:N0} MAC/px, RF {card.ReceptiveField}, validation {string.Join(", ", card.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Metric} {m.Value}")))}; parity {CheckpointExport.Describe(parity)}");
        DomainStamp.Apply(onnx, pr.GetValue(DomainStamp.EmbedderOption), options.Data.Folders, options.Data.Exclude, log);
        if (copyTo != null)
        {
            ModelTarget.CheckFree(copyTo, pr.GetValue<bool>(ModelTarget.OverwriteOption)); // again: it may have appeared while training
            File.Copy(onnx, copyTo, overwrite: true);
            File.Copy(Path.ChangeExtension(onnx, ".json"), Path.ChangeExtension(copyTo, ".json"), overwrite: true);
            log.WriteLine($"copied to {copyTo}");
        }

        return installTo is null ? 0 : Install(onnx, installTo, log);
    }

    private static int Install(string onnx, string folder, TextWriter log)
    {
        try
        {
            var installed = Inference.ModelInstaller.Install(onnx, folder);
            log.WriteLine(installed.AlreadyInstalled
                ? $"{installed.Card.Name} is already installed: {installed.Destination}"
                : $"installed {installed.Card.Name} → {installed.Destination}" +
                  (Path.GetFullPath(folder) == Path.GetFullPath(Inference.ModelCatalog.UserFolder) ? "; Paint.NET's AI Denoise and `aepaint` list it by that name" : string.Empty));
            if (installed.ShadowedBy is { } shadow)
            {
                log.WriteLine($"warning: {shadow} has the same file name and is found first; train again with another --name to use yours");
            }

            return 0;
        }
        catch (Inference.ModelInstallException e)
        {
            throw new TrainerException($"--install: {e.Message} (the model is in {Path.GetDirectoryName(onnx)}; `aepaint models install {onnx} --force` replaces the old one)");
        }
    }

    private static TrainResult RunWithProgress(TrainOptions options, ITrainingData data, string runDir, bool resume, TextWriter log, CancellationToken cancel)
    {
        var loop = new TrainingLoop(options, data, runDir, log);
        bool interactive = ReferenceEquals(log, Console.Out) && !Console.IsOutputRedirected;
        if (!interactive)
        {
            long every = Math.Max(1, options.Schedule.ValidateEvery / 5);
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
                var bar = ctx.AddTask("training", maxValue: options.Schedule.Steps);
                result = loop.Run(resume, cancel, r =>
                {
                    bar.Value = r.Step;
                    bar.Description = string.Create(CultureInfo.InvariantCulture, $"step {r.Step}/{r.TotalSteps} loss {r.Loss:F4} {r.StepsPerSecond:F2} it/s");
                });
            });
        return result;
    }
}
