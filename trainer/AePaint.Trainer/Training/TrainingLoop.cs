using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using TorchSharp;
using static TorchSharp.torch;
using AePaint.Trainer.Data;

namespace AePaint.Trainer.Training;

/// <summary>
/// The training loop: AdamW, warm-up + cosine learning rate, an optional EMA of the weights (validated, kept in
/// checkpoints, exported), Charbonnier, L1 or L2 loss (Neighbor2Neighbor for
/// noisy-only runs), gradient clipping, validation and atomic checkpoints at fixed intervals, exact resume (batches
/// depend only on the seed and the step), an early stop when the hold-out stops improving, and a stop with the last
/// good checkpoint kept when the loss turns NaN/Inf or the output collapses to a constant. A fine-tune (--from)
/// starts from its base's weights and its best score is the base's, so best.ckpt exists only if the base was beaten.
/// </summary>
/// <remarks>A stop at the time budget (<c>schedule.minutes</c>) validates the last step unless it was just validated, so
/// the run's final weights compete for best.ckpt like any validated step. <paramref name="time"/> is the clock the
/// budget is read from (the system clock unless a test moves it).</remarks>
internal sealed class TrainingLoop(TrainOptions options, ITrainingData data, string runDir, TextWriter log, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TrainResult Run(bool resume, CancellationToken cancel = default, Action<StepReport>? onStep = null)
    {
        TorchRuntime.InitializeForTraining(options.Run.Threads == 0 ? null : options.Run.Threads, NetSpec.Of(options));
        var task = options.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        using var net = TrainableNet.Create(task, options.Network.Preset, options.Network.Scale, options.Run.Seed);
        if (options.Run.ChannelsLast)
        {
            // Before AdamW, whose moments take the weights' layout; the EMA stays NCHW (it only validates and exports).
            // Checkpoints are read and written NCHW whatever the layout, so a run may switch at any resume.
            ChannelsLast.Convert(net.Module);
        }

        using var optimizer = new AdamW(net.Module.parameters(), lr: options.Optimiser.LearningRate, weightDecay: options.Optimiser.WeightDecay);
        using var ema = options.Optimiser.Ema > 0 ? new WeightEma(net, options.Optimiser.Ema) : null;
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "options.json"), options.ToJson());

        var validator = new Validator(data.Validation, runDir, task, options);
        var state = new CheckpointState { OptionsJson = options.ToJson() };
        string? latest = resume ? Checkpoint.LatestReadable(runDir, log) : null;
        if (latest != null)
        {
            // From here on the checkpoints (and the exported card) carry the recipe in force, in the current format.
            state = Checkpoint.Load(latest, net, optimizer, ema?.Net) with { OptionsJson = state.OptionsJson };
            if (ema != null && !state.HasEma)
            {
                ema.CopyFrom(net);
            }

            if (!state.HasOptimizer)
            {
                state = state with { OptimizerRestartStep = state.Step };
            }

            log.WriteLine($"resumed from {latest} at step {state.Step}" + (state.HasOptimizer ? string.Empty : " (a snapshot: AdamW starts afresh, the learning rate re-warms)"));
        }
        else if (options.Network.InitFrom is { } init)
        {
            var transfer = WeightTransfer.FromCheckpoint(init, net);
            log.WriteLine($"initialised {transfer.Copied} weight tensors from {init}" +
                (transfer.Skipped > 0 ? $"; {transfer.Skipped} left fresh ({string.Join(", ", transfer.SkippedNames)})" : string.Empty));
        }
        else if (options.FineTune.From is { } from)
        {
            state = StartFromBase(from, net, validator, state);
        }

        if (latest == null)
        {
            ema?.CopyFrom(net);
        }

        long started = _time.GetTimestamp();
        double Seconds() => _time.GetElapsedTime(started).TotalSeconds;
        double elapsedBefore = state.ElapsedSeconds;
        long step = state.Step, firstStep = state.Step, lastValidated = state.Step;
        string lastCheckpoint = latest ?? string.Empty;
        bool cancelled = false, earlyStop = false, timeUp = false;
        var tensorboard = torch.utils.tensorboard.SummaryWriter(Path.Combine(runDir, "tensorboard"));
        net.Module.train();
        while (step < options.Schedule.Steps && !earlyStop)
        {
            if (cancel.IsCancellationRequested || OutOfTime(elapsedBefore + Seconds()))
            {
                cancelled = cancel.IsCancellationRequested;
                timeUp = !cancelled;
                break;
            }

            long position = LrSchedule.EffectiveStep(step, options.Schedule.Steps, elapsedBefore + Seconds(), options.Schedule.Minutes);
            double lr = LrSchedule.At(position, options.Schedule.Steps, options.Schedule.WarmupSteps, options.Optimiser.LearningRate, options.Schedule.MinLearningRate);
            if (state.OptimizerRestartStep is { } restart && options.Schedule.WarmupSteps > 0)
            {
                lr *= Math.Min(1.0, (step - restart + 1.0) / options.Schedule.WarmupSteps); // fresh AdamW moments: re-warm
            }
            optimizer.LearningRate = lr;

            double loss = TrainStep(net, optimizer, data.TrainBatch(step), step, position);
            ema?.Update(net, step);
            step++;
            state.Curve.Add(new CurvePoint(step, loss, lr));
            tensorboard.add_scalar("train/loss", (float)loss, (int)step);
            var elapsed = TimeSpan.FromSeconds(elapsedBefore + Seconds());
            double rate = (step - firstStep) / Math.Max(1e-9, Seconds());
            onStep?.Invoke(new StepReport(step, options.Schedule.Steps, loss, lr, rate, elapsed, rate > 0 ? TimeSpan.FromSeconds((options.Schedule.Steps - step) / rate) : null));

            bool validate = step % options.Schedule.ValidateEvery == 0 || step == options.Schedule.Steps;
            bool best = false;
            if (validate)
            {
                best = Validate(validator, net, ema, tensorboard, ref state, step, loss, lr);
                lastValidated = step;
                earlyStop = options.Schedule.EarlyStopPatience > 0 && state.SinceBest >= options.Schedule.EarlyStopPatience;
            }

            if (step % options.Schedule.CheckpointEvery == 0 || step == options.Schedule.Steps || best || earlyStop)
            {
                lastCheckpoint = Save(ref state, step, elapsedBefore + Seconds(), net, optimizer, best, ema);
            }

            if (earlyStop)
            {
                log.WriteLine($"early stop at step {step}: the hold-out has not improved for {state.SinceBest} validations (best at step {state.BestStep})");
            }
        }

        if (timeUp && step > lastValidated)
        {
            var last = state.Curve[^1];
            log.WriteLine($"time limit ({options.Schedule.Minutes} min) reached at step {step}: validating the last weights");
            bool best = Validate(validator, net, ema, tensorboard, ref state, step, last.Loss, last.LearningRate);
            lastCheckpoint = Save(ref state, step, elapsedBefore + Seconds(), net, optimizer, best, ema);
        }

        if (step != state.Step)
        {
            lastCheckpoint = Save(ref state, step, elapsedBefore + Seconds(), net, optimizer, best: false, ema);
        }

        var bestPath = Path.Combine(Checkpoint.Folder(runDir), "best.ckpt");
        return new TrainResult(step, lastCheckpoint, File.Exists(bestPath) ? bestPath : null, state.Curve, cancelled)
        {
            Base = state.Base,
            BestScore = state.BestScore,
            BestStep = state.BestStep,
            EarlyStopped = earlyStop,
        };
    }

    /// <summary>Validates the weights in use (the EMA's when kept) at <paramref name="step"/>: records the score in the
    /// curve, tensorboard and the log, and returns whether it is the run's new best.</summary>
    private bool Validate(Validator validator, TrainableNet net, WeightEma? ema, TorchSharp.Modules.SummaryWriter tensorboard, ref CheckpointState state, long step, double loss, double lr)
    {
        var v = validator.Run(ema?.Net ?? net, step);
        state.Curve[^1] = state.Curve[^1] with
        {
            ValidationPsnr = v.ByPsnr ? v.Psnr : null,
            ValidationSsim = v.ByPsnr ? v.Ssim : null,
            ValidationLoss = options.NoisyOnly.Enabled ? v.SelfLoss : null,
            BaseScore = state.Base?.Score,
        };
        Record(tensorboard, v, state.Base, step);
        bool best = v.Score > state.BestScore;
        state = best ? state with { BestScore = v.Score, BestStep = step, SinceBest = 0 } : state with { SinceBest = state.SinceBest + 1 };
        log.WriteLine($"step {step}: loss {loss:F5}, lr {lr:E2}, {Describe(v, state.Base)}");
        CurvePlot.Write(Path.Combine(runDir, "curve.png"), state.Curve);
        net.Module.train();
        return best;
    }

    /// <summary>Scores a validation (and the base beside it) as one log line.</summary>
    internal static string Describe(ValidationResult v, ValidationResult? baseResult)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var parts = new List<string>();
        if (v.ByPsnr)
        {
            parts.Add(string.Create(ci, $"validation PSNR {v.Psnr:F2} dB, SSIM {v.Ssim:F4}"));
        }

        if (!double.IsNaN(v.SelfLoss))
        {
            parts.Add(string.Create(ci, $"validation self-supervised loss {v.SelfLoss:E3}"));
        }

        if (baseResult != null)
        {
            parts.Add(v.ByPsnr
                ? string.Create(ci, $"base {baseResult.Psnr:F2} dB ({v.Psnr - baseResult.Psnr:+0.00;-0.00;+0.00} dB)")
                : string.Create(ci, $"base loss {baseResult.SelfLoss:E3}"));
        }

        return parts.Count > 0 ? string.Join(", ", parts) : "no validation crops";
    }

    private static void Record(TorchSharp.Modules.SummaryWriter tensorboard, ValidationResult v, ValidationResult? baseResult, long step)
    {
        if (v.ByPsnr)
        {
            tensorboard.add_scalar("val/psnr", (float)v.Psnr, (int)step);
            tensorboard.add_scalar("val/ssim", (float)v.Ssim, (int)step);
        }

        if (!double.IsNaN(v.SelfLoss))
        {
            tensorboard.add_scalar("val/self_supervised_loss", (float)v.SelfLoss, (int)step);
        }

        if (baseResult != null)
        {
            tensorboard.add_scalar("val/base_score", (float)baseResult.Score, (int)step);
        }
    }

    /// <summary>Fine-tune start: the base's weights, and its hold-out score as the one to beat.</summary>
    private CheckpointState StartFromBase(string from, TrainableNet net, Validator validator, CheckpointState state)
    {
        using var baseNet = FineTune.Load(from);
        var copied = WeightTransfer.Copy(baseNet, net, from);
        if (copied.Skipped > 0)
        {
            throw new TrainerException($"{from}: the base's net differs from this run's ({string.Join(", ", copied.SkippedNames)}); use the base's preset");
        }

        var b = validator.Run(baseNet, 0, samples: false);
        log.WriteLine($"fine-tuning from {from}; base on the hold-out: {Describe(b, null)}");
        return state with { Base = b, BestScore = b.Score };
    }

    private bool OutOfTime(double seconds) => options.Schedule.Minutes is { } m && seconds >= m * 60;

    private string Save(ref CheckpointState state, long step, double seconds, TrainableNet net, AdamW optimizer, bool best, WeightEma? ema)
    {
        state = state with { Step = step, ElapsedSeconds = seconds };
        return Checkpoint.Save(runDir, state, net, optimizer, options.Schedule.KeepCheckpoints, best, ema?.Net);
    }

    private double TrainStep(TrainableNet net, AdamW optimizer, Batch batch, long step, long position)
    {
        using var scope = NewDisposeScope();
        var input = Laid(tensor(batch.Input, [batch.Count, batch.InputChannels, batch.Height, batch.Width]));
        optimizer.ZeroGrad();
        Tensor loss;
        if (options.NoisyOnly.Enabled)
        {
            // The sub-sampling depends only on (seed, step), so a resumed run draws the same cells.
            var rng = SeededRandom.For(options.Run.Seed, step, 17);
            loss = Neighbor2Neighbor.Loss(net.Module, input, rng, Neighbor2Neighbor.GammaAt(position, options.Schedule.Steps, options.NoisyOnly.N2nGamma), options.NoisyOnly.N2nStride).Total;
        }
        else
        {
            var target = Laid(tensor(batch.Target, [batch.Count, 3, batch.Height * batch.Scale, batch.Width * batch.Scale]));
            loss = PixelLoss(options.Optimiser.Loss, net.Module.forward(input) - target);
        }

        double value = loss.item<float>();
        if (!double.IsFinite(value))
        {
            throw new TrainingDivergedException($"loss became {value} at step {step + 1}; the last good checkpoint is kept in {Checkpoint.Folder(runDir)} (try a lower learningRate or gradClip)");
        }

        loss.backward();
        if (options.Optimiser.GradClip > 0)
        {
            nn.utils.clip_grad_norm_(net.Module.parameters(), options.Optimiser.GradClip);
        }

        optimizer.Step();
        return value;
    }

    /// <summary>A batch tensor in the run's layout (inside the step's dispose scope).</summary>
    private Tensor Laid(Tensor t) => options.Run.ChannelsLast ? ChannelsLast.Of(t) : t;

    /// <summary>The recipe's loss (<c>optimiser.loss</c>) of output − target.</summary>
    internal static Tensor PixelLoss(string loss, Tensor diff) => loss switch
    {
        "l1" => diff.abs().mean(),
        "l2" => diff.Squared().mean(),
        _ => diff.Squared().Plus(1e-6f).sqrt().mean(),
    };
}
