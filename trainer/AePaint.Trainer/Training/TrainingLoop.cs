using System.Diagnostics;
using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Training;

/// <summary>Progress after one step, for the progress bar.</summary>
internal readonly record struct StepReport(long Step, long TotalSteps, double Loss, double LearningRate, double StepsPerSecond, TimeSpan Elapsed, TimeSpan? Eta);

/// <summary>How a run ended.</summary>
internal sealed record TrainResult(long Steps, string LastCheckpoint, string? BestCheckpoint, IReadOnlyList<CurvePoint> Curve, bool Cancelled);

/// <summary>
/// The training loop: AdamW, warm-up + cosine learning rate, Charbonnier or L1 loss, gradient clipping, validation and
/// atomic checkpoints at fixed intervals, exact resume (batches depend only on the seed and the step), and a stop
/// with the last good checkpoint kept when the loss turns NaN/Inf or the output collapses to a constant.
/// </summary>
internal sealed class TrainingLoop(TrainOptions options, ITrainingData data, string runDir, TextWriter log)
{
    public TrainResult Run(bool resume, CancellationToken cancel = default, Action<StepReport>? onStep = null)
    {
        TorchRuntime.Initialize(options.Threads == 0 ? null : options.Threads);
        var task = options.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        using var net = TrainableNet.Create(task, options.Preset, options.Scale, options.Seed);
        using var optimizer = optim.AdamW(net.Module.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "options.json"), options.ToJson());

        var state = new CheckpointState { OptionsJson = options.ToJson() };
        string? latest = resume ? Checkpoint.Latest(runDir) : null;
        if (latest != null)
        {
            state = Checkpoint.Load(latest, net, optimizer);
            log.WriteLine($"resumed from {latest} at step {state.Step}");
        }
        else if (options.InitFrom is { } init)
        {
            var transfer = WeightTransfer.FromCheckpoint(init, net);
            log.WriteLine($"initialised {transfer.Copied} weight tensors from {init}" +
                (transfer.Skipped > 0 ? $"; {transfer.Skipped} left fresh ({string.Join(", ", transfer.SkippedNames)})" : string.Empty));
        }

        var validator = new Validator(net, data.Validation, runDir, task);
        var clock = Stopwatch.StartNew();
        double elapsedBefore = state.ElapsedSeconds;
        long step = state.Step, firstStep = state.Step;
        string lastCheckpoint = latest ?? string.Empty;
        bool cancelled = false;
        var tensorboard = torch.utils.tensorboard.SummaryWriter(Path.Combine(runDir, "tensorboard"));
        net.Module.train();
        while (step < options.Steps)
        {
            if (cancel.IsCancellationRequested || OutOfTime(elapsedBefore + clock.Elapsed.TotalSeconds))
            {
                cancelled = cancel.IsCancellationRequested;
                break;
            }

            long position = LrSchedule.EffectiveStep(step, options.Steps, elapsedBefore + clock.Elapsed.TotalSeconds, options.Minutes);
            double lr = LrSchedule.At(position, options.Steps, options.WarmupSteps, options.LearningRate, options.MinLearningRate);
            foreach (var g in optimizer.ParamGroups)
            {
                g.LearningRate = lr;
            }

            double loss = TrainStep(net, optimizer, data.TrainBatch(step), step);
            step++;
            state.Curve.Add(new CurvePoint(step, loss, lr));
            tensorboard.add_scalar("train/loss", (float)loss, (int)step);
            var elapsed = TimeSpan.FromSeconds(elapsedBefore + clock.Elapsed.TotalSeconds);
            double rate = (step - firstStep) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            onStep?.Invoke(new StepReport(step, options.Steps, loss, lr, rate, elapsed, rate > 0 ? TimeSpan.FromSeconds((options.Steps - step) / rate) : null));

            bool validate = step % options.ValidateEvery == 0 || step == options.Steps;
            bool best = false;
            if (validate)
            {
                var (psnr, ssim) = validator.Run(step);
                state.Curve[^1] = state.Curve[^1] with { ValidationPsnr = psnr, ValidationSsim = ssim };
                tensorboard.add_scalar("val/psnr", (float)psnr, (int)step);
                tensorboard.add_scalar("val/ssim", (float)ssim, (int)step);
                best = psnr > state.BestPsnr;
                state = state with { BestPsnr = Math.Max(state.BestPsnr, psnr) };
                log.WriteLine($"step {step}: loss {loss:F5}, lr {lr:E2}, validation PSNR {psnr:F2} dB, SSIM {ssim:F4}");
                CurvePlot.Write(Path.Combine(runDir, "curve.png"), state.Curve);
                net.Module.train();
            }

            if (step % options.CheckpointEvery == 0 || step == options.Steps || best)
            {
                lastCheckpoint = Save(ref state, step, elapsedBefore + clock.Elapsed.TotalSeconds, net, optimizer, best);
            }
        }

        if (step != state.Step)
        {
            lastCheckpoint = Save(ref state, step, elapsedBefore + clock.Elapsed.TotalSeconds, net, optimizer, best: false);
        }

        var bestPath = Path.Combine(Checkpoint.Folder(runDir), "best.ckpt");
        return new TrainResult(step, lastCheckpoint, File.Exists(bestPath) ? bestPath : null, state.Curve, cancelled);
    }

    private bool OutOfTime(double seconds) => options.Minutes is { } m && seconds >= m * 60;

    private string Save(ref CheckpointState state, long step, double seconds, TrainableNet net, AdamW optimizer, bool best)
    {
        state = state with { Step = step, ElapsedSeconds = seconds };
        return Checkpoint.Save(runDir, state, net, optimizer, options.KeepCheckpoints, best);
    }

    private double TrainStep(TrainableNet net, AdamW optimizer, Batch batch, long step)
    {
        using var scope = NewDisposeScope();
        var input = tensor(batch.Input, [batch.Count, batch.InputChannels, batch.Height, batch.Width]);
        var target = tensor(batch.Target, [batch.Count, 3, batch.Height * batch.Scale, batch.Width * batch.Scale]);
        optimizer.zero_grad();
        var output = net.Module.forward(input);
        var diff = output - target;
        var loss = options.Loss == "l1" ? diff.abs().mean() : (diff.square() + 1e-6f).sqrt().mean();
        double value = loss.item<float>();
        if (!double.IsFinite(value))
        {
            throw new TrainingDivergedException($"loss became {value} at step {step + 1}; the last good checkpoint is kept in {Checkpoint.Folder(runDir)} (try a lower learningRate or gradClip)");
        }

        loss.backward();
        if (options.GradClip > 0)
        {
            nn.utils.clip_grad_norm_(net.Module.parameters(), options.GradClip);
        }

        optimizer.step();
        return value;
    }
}

/// <summary>Training cannot go on (NaN/Inf loss, collapsed output); the last good checkpoint stays.</summary>
internal sealed class TrainingDivergedException(string message) : Exception(message);
