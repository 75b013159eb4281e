using System.Diagnostics;
using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using AePaint.Trainer.Data;

namespace AePaint.Trainer.Training;

/// <summary>Progress after one step, for the progress bar.</summary>
internal readonly record struct StepReport(long Step, long TotalSteps, double Loss, double LearningRate, double StepsPerSecond, TimeSpan Elapsed, TimeSpan? Eta);

/// <summary>How a run ended. Base: the fine-tune base's hold-out result (null without --from).</summary>
internal sealed record TrainResult(long Steps, string LastCheckpoint, string? BestCheckpoint, IReadOnlyList<CurvePoint> Curve, bool Cancelled)
{
    public ValidationResult? Base { get; init; }

    public double BestScore { get; init; }

    public long BestStep { get; init; }

    public bool EarlyStopped { get; init; }
}

/// <summary>
/// The training loop: AdamW, warm-up + cosine learning rate, an optional EMA of the weights (validated, kept in
/// checkpoints, exported), Charbonnier, L1 or L2 loss (Neighbor2Neighbor for
/// noisy-only runs), gradient clipping, validation and atomic checkpoints at fixed intervals, exact resume (batches
/// depend only on the seed and the step), an early stop when the hold-out stops improving, and a stop with the last
/// good checkpoint kept when the loss turns NaN/Inf or the output collapses to a constant. A fine-tune (--from)
/// starts from its base's weights and its best score is the base's, so best.ckpt exists only if the base was beaten.
/// </summary>
internal sealed class TrainingLoop(TrainOptions options, ITrainingData data, string runDir, TextWriter log)
{
    public TrainResult Run(bool resume, CancellationToken cancel = default, Action<StepReport>? onStep = null)
    {
        TorchRuntime.InitializeForTraining(options.Threads == 0 ? null : options.Threads);
        var task = options.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        using var net = TrainableNet.Create(task, options.Preset, options.Scale, options.Seed);
        using var optimizer = optim.AdamW(net.Module.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);
        using var ema = options.Ema > 0 ? new WeightEma(net, options.Ema, options) : null;
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "options.json"), options.ToJson());

        var validator = new Validator(data.Validation, runDir, task, options);
        var state = new CheckpointState { OptionsJson = options.ToJson() };
        string? latest = resume ? Checkpoint.LatestReadable(runDir, log) : null;
        if (latest != null)
        {
            state = Checkpoint.Load(latest, net, optimizer, ema?.Net);
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
        else if (options.InitFrom is { } init)
        {
            var transfer = WeightTransfer.FromCheckpoint(init, net);
            log.WriteLine($"initialised {transfer.Copied} weight tensors from {init}" +
                (transfer.Skipped > 0 ? $"; {transfer.Skipped} left fresh ({string.Join(", ", transfer.SkippedNames)})" : string.Empty));
        }
        else if (options.From is { } from)
        {
            state = StartFromBase(from, net, validator, state);
        }

        if (latest == null)
        {
            ema?.CopyFrom(net);
        }

        var clock = Stopwatch.StartNew();
        double elapsedBefore = state.ElapsedSeconds;
        long step = state.Step, firstStep = state.Step;
        string lastCheckpoint = latest ?? string.Empty;
        bool cancelled = false, earlyStop = false;
        var tensorboard = torch.utils.tensorboard.SummaryWriter(Path.Combine(runDir, "tensorboard"));
        net.Module.train();
        while (step < options.Steps && !earlyStop)
        {
            if (cancel.IsCancellationRequested || OutOfTime(elapsedBefore + clock.Elapsed.TotalSeconds))
            {
                cancelled = cancel.IsCancellationRequested;
                break;
            }

            long position = LrSchedule.EffectiveStep(step, options.Steps, elapsedBefore + clock.Elapsed.TotalSeconds, options.Minutes);
            double lr = LrSchedule.At(position, options.Steps, options.WarmupSteps, options.LearningRate, options.MinLearningRate);
            if (state.OptimizerRestartStep is { } restart && options.WarmupSteps > 0)
            {
                lr *= Math.Min(1.0, (step - restart + 1.0) / options.WarmupSteps); // fresh AdamW moments: re-warm
            }
            foreach (var g in optimizer.ParamGroups)
            {
                g.LearningRate = lr;
            }

            double loss = TrainStep(net, optimizer, data.TrainBatch(step), step, position);
            ema?.Update(net, step);
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
                var v = validator.Run(ema?.Net ?? net, step);
                state.Curve[^1] = state.Curve[^1] with
                {
                    ValidationPsnr = v.ByPsnr ? v.Psnr : null,
                    ValidationSsim = v.ByPsnr ? v.Ssim : null,
                    ValidationLoss = options.NoisyOnly ? v.SelfLoss : null,
                    BaseScore = state.Base?.Score,
                };
                Record(tensorboard, v, state.Base, step);
                best = v.Score > state.BestScore;
                state = best ? state with { BestScore = v.Score, BestStep = step, SinceBest = 0 } : state with { SinceBest = state.SinceBest + 1 };
                log.WriteLine($"step {step}: loss {loss:F5}, lr {lr:E2}, {Describe(v, state.Base)}");
                CurvePlot.Write(Path.Combine(runDir, "curve.png"), state.Curve);
                net.Module.train();
                earlyStop = options.EarlyStopPatience > 0 && state.SinceBest >= options.EarlyStopPatience;
            }

            if (step % options.CheckpointEvery == 0 || step == options.Steps || best || earlyStop)
            {
                lastCheckpoint = Save(ref state, step, elapsedBefore + clock.Elapsed.TotalSeconds, net, optimizer, best, ema);
            }

            if (earlyStop)
            {
                log.WriteLine($"early stop at step {step}: the hold-out has not improved for {state.SinceBest} validations (best at step {state.BestStep})");
            }
        }

        if (step != state.Step)
        {
            lastCheckpoint = Save(ref state, step, elapsedBefore + clock.Elapsed.TotalSeconds, net, optimizer, best: false, ema);
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

    private bool OutOfTime(double seconds) => options.Minutes is { } m && seconds >= m * 60;

    private string Save(ref CheckpointState state, long step, double seconds, TrainableNet net, AdamW optimizer, bool best, WeightEma? ema)
    {
        state = state with { Step = step, ElapsedSeconds = seconds };
        return Checkpoint.Save(runDir, state, net, optimizer, options.KeepCheckpoints, best, ema?.Net);
    }

    private double TrainStep(TrainableNet net, AdamW optimizer, Batch batch, long step, long position)
    {
        using var scope = NewDisposeScope();
        var input = tensor(batch.Input, [batch.Count, batch.InputChannels, batch.Height, batch.Width]);
        optimizer.zero_grad();
        Tensor loss;
        if (options.NoisyOnly)
        {
            // The sub-sampling depends only on (seed, step), so a resumed run draws the same cells.
            var rng = SeededRandom.For(options.Seed, step, 17);
            loss = Neighbor2Neighbor.Loss(net.Module, input, rng, Neighbor2Neighbor.GammaAt(position, options.Steps, options.N2nGamma), options.N2nStride).Total;
        }
        else
        {
            var target = tensor(batch.Target, [batch.Count, 3, batch.Height * batch.Scale, batch.Width * batch.Scale]);
            var diff = net.Module.forward(input) - target;
            loss = options.Loss switch
            {
                "l1" => diff.abs().mean(),
                "l2" => diff.square().mean(),
                _ => (diff.square() + 1e-6f).sqrt().mean(),
            };
        }

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
