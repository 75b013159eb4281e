using System.CommandLine;
using System.Globalization;
using AePaint.ImageFiles;
using AePaint.Imaging.Files;
using AePaint.Inference;
using AePaint.Inference.Cards;
using Spectre.Console;

namespace AePaint.Cli.Commands;

/// <summary>`aepaint denoise` and `aepaint upscale`: one model over files or folders.</summary>
internal static class RestoreCommand
{
    private static readonly Argument<string[]> Inputs = new("inputs") { Description = "Image files or folders (JPEG, PNG, WebP; folders recursively)", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<string[]> InputOption = new("--input", "-i") { Description = "Input file or folder (same as a positional input)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string?> Output = new("--output", "-o") { Description = "Output file (one input) or folder; default: beside each input with a suffix" };
    private static readonly Option<string?> Model = new("--model", "-m", "-n") { Description = "Model name (see `aepaint models`), .onnx path, or auto (per image, the installed model whose training domain is nearest); default: the shipped general model" };
    private static readonly Option<string?> ModelsDir = new("--models-dir") { Description = "Look for models only in this folder (default: beside aepaint, the repository's models/, the per-user folder)" };
    private static readonly Option<int?> Tile = new("--tile", "-t") { Description = $"Model window size: windows of at most N² pixels (default {RunSettings.DefaultTileSize}; smaller uses less memory)" };
    private static readonly Option<ExecutionDevice> Device = new("--device", "-g") { Description = "auto (GPU if this build has DirectML, else CPU), gpu, or cpu", DefaultValueFactory = _ => ExecutionDevice.Auto };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Skip inputs whose output already exists" };
    private static readonly Option<bool> Overwrite = EvalCommand.OverwriteOption("output files");
    private static readonly Option<string?> Format = new("--format", "-f") { Description = "Output format: png, jpg or webp (default: the input's)" };
    private static readonly Option<int> Quality = new("--jpeg-quality", "-q") { Description = "JPEG/WebP quality 1-100", DefaultValueFactory = _ => 95 };
    private static readonly Option<string> ModelQualityOption = new("--quality") { Description = "fast (default) or best: which shipped model runs when -m names none (denoise: denoise-fast or denoise-general, the quality net, ~4× slower; upscale -s 2: sr-x2-fast or sr-x2-general, the quality net, ~2× slower; other scales have one model for both so far)", DefaultValueFactory = _ => "fast" };
    private static readonly Option<int> Passes = EvalCommand.PassesOption();

    public static Command Denoise()
    {
        var sigma = new Option<string>("--sigma") { Description = "Noise level σ told to the model, in 8-bit units within the range its card says it was trained for (`aepaint models info`), or auto (estimated per image, limited to that range)", DefaultValueFactory = _ => "auto" };
        var strength = new Option<float>("--strength") { Description = "0..1: how much of the denoised result to use (1 = all)", DefaultValueFactory = _ => 1f };
        var detail = new Option<int>("--detail") { Description = "0..100: how much of the fine luma texture and grain the model removed to keep", DefaultValueFactory = _ => DenoiseMix.DefaultDetailPercent };
        var colorNoise = new Option<int>("--color-noise") { Description = "0..100: colour-noise removal strength, apart from luma (100 = the model's)", DefaultValueFactory = _ => DenoiseMix.DefaultColorNoisePercent };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print what the automatic noise estimate read (luma, chroma, per brightness level)" };
        var cmd = new Command("denoise", "Remove noise from photos (keeps size, alpha and metadata)");
        AddCommon(cmd);
        cmd.Options.Add(sigma);
        cmd.Options.Add(strength);
        cmd.Options.Add(detail);
        cmd.Options.Add(colorNoise);
        cmd.Options.Add(verbose);
        cmd.SetAction((pr, ct) => Run(pr, ModelTask.Denoise, 1, "_denoised", s => s with
        {
            Sigma = ParseSigma(pr.GetValue(sigma)!),
            Strength = pr.GetValue(strength),
            Detail = Percent(pr.GetValue(detail), "--detail"),
            ColorNoise = Percent(pr.GetValue(colorNoise), "--color-noise"),
        }, ct, pr.GetValue(verbose)));
        return cmd;
    }

    public static Command Upscale()
    {
        var scale = new Option<int>("--scale", "-s") { Description = "2, 3 or 4", DefaultValueFactory = _ => 2 };
        scale.AcceptOnlyFromAmong("2", "3", "4");
        var cmd = new Command("upscale", "Enlarge photos ×2/×3/×4 with a super-resolution model");
        AddCommon(cmd);
        cmd.Options.Add(scale);
        cmd.SetAction((pr, ct) => Run(pr, ModelTask.SuperResolution, pr.GetValue(scale), $"_x{pr.GetValue(scale)}", s => s, ct));
        return cmd;
    }

    private static void AddCommon(Command cmd)
    {
        cmd.Arguments.Add(Inputs);
        foreach (var o in new Option[] { InputOption, Output, Model, ModelQualityOption, ModelsDir, Tile, Device, Resume, Overwrite, Format, Quality, Passes })
        {
            cmd.Options.Add(o);
        }
    }

    private static Task<int> Run(ParseResult pr, ModelTask task, int scale, string suffix, Func<RunSettings, RunSettings> taskSettings, CancellationToken cancel, bool verbose = false)
    {
        var console = CliConsole.For(pr);
        var inputs = (pr.GetValue(Inputs) ?? []).Concat(pr.GetValue(InputOption) ?? []).ToArray();
        var format = pr.GetValue(Format) is { } f
            ? ImageFile.FormatFromExtension("x." + f) ?? throw new CliException($"--format {f}: use png, jpg or webp")
            : (ImageFormat?)null;
        var items = BatchPlanner.Plan(inputs, pr.GetValue(Output), suffix, format, Existing(pr));
        foreach (var folder in items.Select(i => Path.GetDirectoryName(i.Output)!).Distinct(StringComparer.Ordinal))
        {
            foreach (var stale in AtomicFile.CleanStale(folder))
            {
                console.Error.WriteLine($"aepaint: note: removed {Path.Combine(folder, stale)}, a temp file left by an interrupted run");
            }
        }

        var settings = taskSettings(new RunSettings { TileSize = pr.GetValue(Tile), Passes = pr.GetValue(Passes) });
        var quality = pr.GetValue(Quality);
        if (quality is < 1 or > 100)
        {
            throw new CliException($"--jpeg-quality {quality}: use 1..100");
        }

        var catalog = pr.GetValue(ModelsDir) is { } dir
            ? (Directory.Exists(dir) ? new ModelCatalog([dir]) : throw new CliException($"--models-dir {dir}: folder not found"))
            : ModelCatalog.Default();
        var save = new SaveOptions { Quality = quality, Overwrite = pr.GetValue(Overwrite) };
        if (string.Equals(pr.GetValue(Model), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AutoRestore.Run(catalog, task, scale, items, new BatchJobSettings(settings, save, pr.GetValue(Resume), pr.GetValue(Device), verbose), console, cancel));
        }

        var modelQuality = ParseModelQuality(pr.GetValue(ModelQualityOption)!);
        var modelPath = catalog.Resolve(pr.GetValue(Model) ?? PairModel(catalog, task, scale, modelQuality, console));
        using var sessions = new ModelSessionCache();
        var model = CliFallback.Start(modelPath, pr.GetValue(Device), settings.TileSize, sessions, console);
        CheckTask(model.Session.Card, task, scale, modelPath);
        CheckSigma(model.Session.Card, settings);
        var job = new BatchJob(model, settings, save, pr.GetValue(Resume), console, verbose);
        return Task.FromResult(job.Run(items, cancel));
    }

    /// <summary>fast or best; a number is what --quality meant before it chose the model (JPEG quality), said in one line.</summary>
    internal static ModelQuality ParseModelQuality(string value) => value.Trim().ToLowerInvariant() switch
    {
        "fast" => ModelQuality.Fast,
        "best" => ModelQuality.Best,
        _ when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) =>
            throw new CliException($"--quality {value}: --quality now chooses the model (fast or best); JPEG/WebP quality is --jpeg-quality {value} (-q)"),
        _ => throw new CliException($"--quality {value}: use fast or best"),
    };

    /// <summary>The pair's model for <paramref name="quality"/>; a Best model that is not installed runs the Fast one, said in one note.</summary>
    private static string PairModel(ModelCatalog catalog, ModelTask task, int scale, ModelQuality quality, CliConsole console)
    {
        var (name, fallback) = ModelPair.For(task, scale).Choose(quality, n => catalog.Find(n) is not null);
        if (fallback is not null)
        {
            console.Error.WriteLine($"aepaint: note: {fallback}");
        }

        return name;
    }

    private static ExistingOutputs Existing(ParseResult pr) => (pr.GetValue(Resume), pr.GetValue(Overwrite)) switch
    {
        (true, true) => throw new CliException("--resume keeps existing outputs and --overwrite replaces them: pass one of them"),
        (true, false) => ExistingOutputs.Skip,
        (false, true) => ExistingOutputs.Replace,
        _ => ExistingOutputs.Refuse,
    };

    internal static void CheckTask(ModelCard card, ModelTask task, int scale, string path)
    {
        if (card.Task != task)
        {
            throw new CliException($"{path}: this is a {card.Task} model; this command needs a {task} model");
        }

        if (task == ModelTask.SuperResolution && card.Scale != scale)
        {
            throw new CliException($"{path}: this model upscales ×{card.Scale}, not ×{scale}; pass -s {card.Scale} or another model");
        }
    }

    /// <summary>A told σ outside the range the card says the model was trained for is refused before anything is written.</summary>
    internal static void CheckSigma(ModelCard card, RunSettings settings)
    {
        if (settings.Sigma is { } sigma && SigmaRange.Of(card) is { } range && !range.Contains(sigma))
        {
            throw new CliException($"--sigma {sigma.ToString("0.##", CultureInfo.InvariantCulture)}: {range.Refusal(card.Name)}");
        }
    }

    private static float Percent(int value, string option) =>
        value is >= 0 and <= 100 ? value / 100f : throw new CliException($"{option} {value}: use 0..100");

    private static float? ParseSigma(string text)
    {
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v))
        {
            return v; // its range is the model card's (CheckSigma)
        }

        throw new CliException($"--sigma {text}: use auto or a noise level (a number, 8-bit units)");
    }
}
