using System.CommandLine;
using System.Globalization;
using AePaint.Imaging.Files;
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
        var preset = new Option<string?>("--preset", "-p") { Description = "tiny | small | base | quality (see `aepaint-train presets`)" };
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
        var overwrite = new Option<bool>(ModelTarget.OverwriteOption) { Description = "With -o: replace an existing .onnx and card there" };
        var listData = new Option<bool>("--list-data") { Description = "Print which photos would train, validate, be excluded or skipped (the run's data.txt) and stop" };
        var noisyOnly = new Option<bool>("--noisy-only") { Description = "Train from noisy photos alone (Neighbor2Neighbor, no clean targets); implies preDownscale 1" };
        var synthetic = new Option<float?>("--synthetic-noise") { Description = "With --noisy-only: add AWGN of this σ once to each (clean) photo and train on those noisy copies only (experiments)" };
        var cleanReference = new Option<string?>("--clean-reference") { Description = "With --noisy-only: folder of clean originals (same file names), used only to report validation PSNR" };
        var from = new Option<string?>("--from") { Description = "Fine-tune a model (name, .onnx or .ckpt); exported only if it beats it on held-out photos" };
        var install = new Option<bool>("--install") { Description = "Install the exported model into the per-user models folder, where the plugin finds it" };
        var installTo = new Option<string?>("--install-to") { Description = "Models folder for --install (default: the per-user one)" };
        var calibrate = new Option<bool>("--calibrate") { Description = "Fit each EXIF ISO's noise from the photos' flat areas and train on the lowest-ISO shots with that noise" };
        var cmd = new Command(task, description);
        cmd.Options.Add(DomainStamp.EmbedderOption);
        foreach (var o in new Option[] { data, optionsFile, preset, scale, minutes, steps, batch, patch, lr, threads, seed, name, exclude, run, resume, device, output, overwrite, listData, noisyOnly, synthetic, cleanReference, from, install, installTo, calibrate })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction((pr, ct) =>
        {
            var file = pr.GetValue(optionsFile);
            var baseOptions = file is null ? new TrainOptions() : TrainOptions.Load(file);
            var explicitKeys = file is null ? new HashSet<string>() : TrainOptions.KeysIn(file);
            explicitKeys.UnionWith(new (bool Given, string Key)[] { (pr.GetValue(lr) is not null, "learningRate"), (pr.GetValue(steps) is not null, "steps"), (pr.GetValue(preset) is not null, "preset") }.Where(k => k.Given).Select(k => k.Key));
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
                NoisyOnly = pr.GetValue(noisyOnly) || baseOptions.NoisyOnly,
                SyntheticNoise = pr.GetValue(synthetic) ?? baseOptions.SyntheticNoise,
                CleanReference = pr.GetValue(cleanReference) is { } cr ? Path.GetFullPath(cr) : baseOptions.CleanReference,
                From = pr.GetValue(from) ?? baseOptions.From,
                Calibrate = pr.GetValue(calibrate) || baseOptions.Calibrate,
            };
            if (pr.GetValue(noisyOnly) && o.SyntheticNoise is null && !explicitKeys.Contains("preDownscale"))
            {
                o = o with { PreDownscale = 1 }; // real noise must reach the net as the camera made it
            }

            if (o.From is { } f0)
            {
                o = FineTuneOptions(o, f0, explicitKeys);
            }

            if (pr.GetValue(listData))
            {
                var problems = o.Problems();
                if (problems.Count > 0)
                {
                    throw new TrainerException("bad options: " + string.Join("; ", problems));
                }

                if (o.Calibrate)
                {
                    o = NoiseCalibration.Apply(o, pr.InvocationConfiguration.Output);
                }

                pr.InvocationConfiguration.Output.Write(PhotoTrainingData.Open(o, TextWriter.Null).FileList());
                return Task.FromResult(0);
            }

            if (pr.GetValue(output) is { } target)
            {
                ModelTarget.CheckFree(target, pr.GetValue(overwrite));
            }

            var installFolder = pr.GetValue(install) || pr.GetValue(installTo) is not null ? pr.GetValue(installTo) ?? Inference.ModelCatalog.UserFolder : null;
            return Task.FromResult(Train(pr, o, pr.GetValue(run), pr.GetValue(resume), pr.GetValue(output), installFolder, ct));
        });
        return cmd;
    }

    /// <summary>--from: the resolved base, its preset (and scale), and the small-set defaults where nothing was set.</summary>
    private static TrainOptions FineTuneOptions(TrainOptions o, string from, IReadOnlySet<string> explicitKeys)
    {
        var path = FineTune.Resolve(from);
        var (baseTask, basePreset, baseScale, _) = FineTune.Describe(path);
        if ((baseTask == Inference.Cards.ModelTask.Denoise) != (o.Task == "denoise") || (o.Task == "sr" && baseScale != o.Scale))
        {
            throw new TrainerException($"--from {from}: a {(baseTask == Inference.Cards.ModelTask.Denoise ? "denoise" : $"sr ×{baseScale}")} model cannot start this {o.Task}{(o.Task == "sr" ? $" ×{o.Scale}" : "")} run");
        }

        if (explicitKeys.Contains("preset") && o.Preset != basePreset)
        {
            throw new TrainerException($"--from {from}: the base is preset {basePreset}; a fine-tune keeps the base's net (drop --preset {o.Preset})");
        }

        var tuned = FineTune.WithDefaults(o with { From = path, Preset = basePreset }, explicitKeys);
        return FineTune.InheritNoise(tuned, FineTune.BaseRecipe(path), explicitKeys);
    }

    private static int Train(ParseResult pr, TrainOptions options, string? runDir, bool resume, string? copyTo, string? installTo, CancellationToken cancel)
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
        OutputPolicy.CheckFreshFolder(runDir, resume, "a new run there would replace its checkpoints, model and samples: pass --resume to continue it, or choose another --run");
        var onnx = SafePath.Below(runDir, options.Name + ".onnx", "--name"); // before hours of training, not after
        if (resume && Checkpoint.Latest(runDir) is null)
        {
            throw new TrainerException($"{runDir}: nothing to resume (no checkpoints)");
        }

        var info = TorchRuntime.InitializeForTraining(options.Threads == 0 ? null : options.Threads);
        log.WriteLine($"{info}");
        if (options.Calibrate)
        {
            options = NoiseCalibration.Apply(options, log); // before the photos are opened: it decides which ones train
        }

        var data = PhotoTrainingData.Open(options, log);
        if (options.From != null && data.HoldoutCount == 0)
        {
            throw new TrainerException("fine-tuning needs held-out photos to compare with the base, and none gave a validation crop (give at least 2 photos, each at least validationCrop px after preDownscale)");
        }

        double correlation = options.NoisyOnly ? NoiseCorrelation.DifferenceRatio(data.Validation) : double.NaN;
        if (options.NoisyOnly)
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
        if (options.From is { } from)
        {
            baseName = FineTune.Describe(from).Name;
            var verdict = FineTune.Unverifiable(FineTune.Judge(result.Base!, result.BestScore, result.BestStep, options.MinGain, baseName, data.HoldoutCount), correlation, baseName);
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
        DomainStamp.Apply(onnx, pr.GetValue(DomainStamp.EmbedderOption), options.Data, options.Exclude, log);
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
