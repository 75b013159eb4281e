using System.CommandLine;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Cli;

/// <summary>
/// The flags of `aepaint-train denoise|sr` that override recipe keys, and how each maps onto the nested recipe
/// (trainer/README.md, "Recipe"). A flag given counts as an explicitly set key (fine-tune defaults leave it alone).
/// </summary>
internal sealed class RecipeFlags
{
    private readonly Option<string[]> _data = new("--data", "-d") { Description = "Photo folder(s), searched recursively (JPEG, PNG, WebP)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _preset = new("--preset", "-p") { Description = "tiny | small | base | quality (see `aepaint-train presets`)" };
    private readonly Option<int?> _scale = new("--scale", "-s") { Description = "SR factor 2, 3 or 4" };
    private readonly Option<double?> _minutes = new("--minutes") { Description = "Wall-clock budget; stops (checkpoint + export) when reached" };
    private readonly Option<long?> _steps = new("--steps") { Description = "Total optimizer steps (the cosine schedule spans these)" };
    private readonly Option<int?> _batch = new("--batch") { Description = "Patches per step" };
    private readonly Option<int?> _patch = new("--patch") { Description = "Patch size in pixels (input side for SR)" };
    private readonly Option<double?> _lr = new("--lr") { Description = "Peak learning rate" };
    private readonly Option<int?> _threads = new("--threads") { Description = "CPU threads (default: all cores)" };
    private readonly Option<long?> _seed = new("--seed");
    private readonly Option<string?> _name = new("--name") { Description = "Model name written into the card and the .onnx file name" };
    private readonly Option<string[]> _exclude = new("--exclude") { Description = "Files or file names to keep out of training (e.g. evaluation images)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _device = new("--device") { Description = "cpu (default) or cuda (Windows CUDA build only; untested here)" };
    private readonly Option<bool> _noisyOnly = new("--noisy-only") { Description = "Train from noisy photos alone (Neighbor2Neighbor, no clean targets); implies data.preDownscale 1" };
    private readonly Option<float?> _synthetic = new("--synthetic-noise") { Description = "With --noisy-only: add AWGN of this σ once to each (clean) photo and train on those noisy copies only (experiments)" };
    private readonly Option<string?> _cleanReference = new("--clean-reference") { Description = "With --noisy-only: folder of clean originals (same file names), used only to report validation PSNR" };
    private readonly Option<string?> _from = new("--from") { Description = "Fine-tune a model (name, .onnx or .ckpt); exported only if it beats it on held-out photos" };
    private readonly Option<bool> _calibrate = new("--calibrate") { Description = "Fit each EXIF ISO's noise from the photos' flat areas and train on the lowest-ISO shots with that noise; with --clean-photos: fit the camera (noise, processing, JPEG) from --data's noisy photos and train on the clean photos with it" };
    private readonly Option<bool> _channelsLast = new("--channels-last") { Description = "Train with weights and batches laid out channels-last (NHWC): faster convolutions for some nets (trainer/README); checkpoints and exports are the same" };
    private readonly Option<string[]> _cleanPhotos = new("--clean-photos") { Description = "With --calibrate and --from: folder(s) of clean photos to put the fitted camera's noise on (--data then holds that camera's noisy photos only)", AllowMultipleArgumentsPerToken = true };

    public IEnumerable<Option> All => [_data, _preset, _scale, _minutes, _steps, _batch, _patch, _lr, _threads, _seed, _name, _exclude, _device, _noisyOnly, _synthetic, _cleanReference, _from, _calibrate, _cleanPhotos, _channelsLast];

    /// <summary>The key paths the given flags set.</summary>
    public IEnumerable<string> KeysSet(ParseResult pr)
    {
        var keys = new (Option Flag, string Key)[]
        {
            (_data, "data.folders"), (_preset, "network.preset"), (_scale, "network.scale"), (_minutes, "schedule.minutes"),
            (_steps, "schedule.steps"), (_batch, "data.batchSize"), (_patch, "data.patchSize"), (_lr, "optimiser.learningRate"),
            (_threads, "run.threads"), (_seed, "run.seed"), (_name, "name"), (_exclude, "data.exclude"), (_device, "run.device"),
            (_noisyOnly, "noisyOnly.enabled"), (_synthetic, "noisyOnly.syntheticNoise"), (_cleanReference, "noisyOnly.cleanReference"),
            (_from, "fineTune.from"), (_calibrate, "degradation.noise.calibrate"), (_cleanPhotos, "degradation.noise.cleanPhotos"),
            (_channelsLast, "run.channelsLast"),
        };
        return keys.Where(k => pr.GetResult(k.Flag) is { Implicit: false }).Select(k => k.Key);
    }

    /// <summary>The recipe with the command's task and every given flag applied (<paramref name="fileKeys"/>: what the recipe file set).</summary>
    public TrainOptions Apply(ParseResult pr, string task, TrainOptions b, IReadOnlySet<string> fileKeys)
    {
        var o = b with
        {
            Task = task,
            Name = pr.GetValue(_name) ?? b.Name,
            Network = b.Network with
            {
                Scale = pr.GetValue(_scale) ?? (task == "denoise" ? 1 : b.Network.Scale < 2 ? 2 : b.Network.Scale),
                Preset = pr.GetValue(_preset) ?? b.Network.Preset,
            },
            Data = b.Data with
            {
                Folders = pr.GetValue(_data) is { Length: > 0 } d ? [.. d.Select(Path.GetFullPath)] : b.Data.Folders,
                Exclude = pr.GetValue(_exclude) is { Length: > 0 } x ? [.. x] : b.Data.Exclude,
                BatchSize = pr.GetValue(_batch) ?? b.Data.BatchSize,
                PatchSize = pr.GetValue(_patch) ?? b.Data.PatchSize,
            },
            Degradation = b.Degradation with
            {
                Noise = b.Degradation.Noise with
                {
                    Calibrate = pr.GetValue(_calibrate) || b.Degradation.Noise.Calibrate,
                    CleanPhotos = pr.GetValue(_cleanPhotos) is { Length: > 0 } cp ? [.. cp.Select(Path.GetFullPath)] : b.Degradation.Noise.CleanPhotos,
                },
            },
            Optimiser = b.Optimiser with { LearningRate = pr.GetValue(_lr) ?? b.Optimiser.LearningRate },
            Schedule = b.Schedule with { Minutes = pr.GetValue(_minutes) ?? b.Schedule.Minutes, Steps = pr.GetValue(_steps) ?? b.Schedule.Steps },
            FineTune = b.FineTune with { From = pr.GetValue(_from) ?? b.FineTune.From },
            NoisyOnly = b.NoisyOnly with
            {
                Enabled = pr.GetValue(_noisyOnly) || b.NoisyOnly.Enabled,
                SyntheticNoise = pr.GetValue(_synthetic) ?? b.NoisyOnly.SyntheticNoise,
                CleanReference = pr.GetValue(_cleanReference) is { } cr ? Path.GetFullPath(cr) : b.NoisyOnly.CleanReference,
            },
            Run = b.Run with { Threads = pr.GetValue(_threads) ?? b.Run.Threads, Seed = pr.GetValue(_seed) ?? b.Run.Seed, Device = pr.GetValue(_device) ?? b.Run.Device, ChannelsLast = pr.GetValue(_channelsLast) || b.Run.ChannelsLast },
        };

        // Real noise must reach the net as the camera made it, unless the recipe says otherwise.
        return pr.GetValue(_noisyOnly) && o.NoisyOnly.SyntheticNoise is null && !fileKeys.Contains("data.preDownscale")
            ? o with { Data = o.Data with { PreDownscale = 1 } }
            : o;
    }
}
