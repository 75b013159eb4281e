using System.CommandLine;
using System.Globalization;
using AePaint.Evaluation.Comparison;
using AePaint.Evaluation.Peers;
using AePaint.Evaluation.Protocols;
using AePaint.Evaluation.Reports;
using AePaint.Imaging.Files;
using AePaint.Inference;

namespace AePaint.Cli.Commands;

/// <summary>
/// `aepaint eval denoise|sr|real` (the published protocols, baselines and peers beside the models, written as
/// Markdown + JSON) and `aepaint compare` (one labelled picture of the same crop from every method).
/// </summary>
internal static class EvalCommand
{
    /// <summary>Adds `eval` and `compare` to the root command.</summary>
    public static void Register(RootCommand root)
    {
        root.Subcommands.Add(Create());
        root.Subcommands.Add(CompareCommand.Create());
    }

    public static Command Create()
    {
        var cmd = new Command("eval", """
            Score models on evaluation sets exactly as the literature does, with baselines and classical peers
            in the same report (../shared/docs/evaluation.md). Prints Markdown; -o NAME also writes NAME.md and NAME.json.

            Examples:
              aepaint eval denoise --set ../shared/data/eval/CBSD68 --add-noise 15,25,50 -m denoise-fast -o cbsd68
              aepaint eval sr --set ../shared/data/eval/Set5 -s 2,3,4 -m sr-x2-fast
              aepaint eval real --set ../shared/data/eval/SIDD_samples -m denoise-fast
              aepaint eval autopick --set photos-by-domain -m denoise-fast -m birds     Auto's hit rate
            """);
        cmd.Subcommands.Add(Denoise());
        cmd.Subcommands.Add(Sr());
        cmd.Subcommands.Add(Real());
        cmd.Subcommands.Add(EvalAutoPickCommand.Create());
        return cmd;
    }

    internal static Option<string[]> ModelOption() => new("--model", "-m", "-n") { Description = "Model name or .onnx path; repeat for several. Without it only baselines and peers run" };

    internal static Option<string?> OutputOption() => new("--output", "-o") { Description = "Also write the report as NAME.md and NAME.json (both replaced atomically)" };

    /// <summary>--overwrite, the one way to let a command replace an existing output file (never an input).</summary>
    internal static Option<bool> OverwriteOption(string what) => new("--overwrite") { Description = $"Replace {what} if it already exists (without it an existing file stops the command before anything is written)" };

    internal static Option<int> PassesOption()
    {
        var o = new Option<int>("--passes")
        {
            Description = "Self-ensemble: run each model on 1, 2, 4 or 8 flipped/turned copies and average (slightly better, that many times slower)",
            DefaultValueFactory = _ => 1,
        };
        o.Validators.Add(r =>
        {
            if (!SelfEnsemble.AllowedPasses.Contains(r.GetValueOrDefault<int>()))
            {
                r.AddError($"--passes {r.GetValueOrDefault<int>()}: use 1, 2, 4 or 8");
            }
        });
        return o;
    }

    internal static Option<int?> TileOption() => new("--tile", "-t") { Description = $"Model window size: windows of at most N² pixels (default {RunSettings.DefaultTileSize})" };

    internal static Option<ExecutionDevice> DeviceOption() => new("--device", "-g") { Description = "cpu (default: reproducible numbers), gpu or auto", DefaultValueFactory = _ => ExecutionDevice.Cpu };

    internal static Option<bool> NoSsimOption() => new("--no-ssim") { Description = "PSNR only (faster)" };

    internal static Option<int?> LimitOption() => new("--limit") { Description = "Only the first N images (sorted by name) — for quick checks; means then differ from full-set tables" };

    internal static Option<string> PeersOption() => new("--peers") { Description = $"Classical denoisers (external programs, OpenCV in-process): all, none, or a comma list of {string.Join(", ", DenoisePeer.KnownIds)}", DefaultValueFactory = _ => DenoisePeer.DefaultSelection };

    private static Command Denoise()
    {
        var addNoise = new Option<string>("--add-noise") { Description = "AWGN levels σ (0..255 units) added to the clean images, comma separated", DefaultValueFactory = _ => "15,25,50" };
        var sigma = new Option<string>("--sigma") { Description = "What a noise-map model is told: true (the σ added) or auto (estimated per image)", DefaultValueFactory = _ => "true" };
        var cmd = new Command("denoise", "Gaussian denoising: unclipped AWGN with a fixed seed per image, PSNR/SSIM over RGB");
        var common = EvalOptions.AddTo(cmd, withPeers: true);
        cmd.Options.Add(addNoise);
        cmd.Options.Add(sigma);
        RenamedOption.Add(cmd, "--sigma-input", v => $"--sigma-input {v}: now --sigma {v} (true or auto: what a noise-map model is told)");
        cmd.SetAction((pr, ct) =>
        {
            var told = pr.GetValue(sigma)!;
            if (told is not ("true" or "auto"))
            {
                throw new CliException(RenamedOption.SigmaNowTold(told) + "; here --sigma is true or auto");
            }

            var s = common.Settings(pr);
            var report = DenoiseEvaluation.Run(s, ParseList(pr.GetValue(addNoise)!, "--add-noise", double.Parse), sigmaAuto: told == "auto", ct);
            return Task.FromResult(common.Finish(pr, report));
        });
        return cmd;
    }

    private static Command Sr()
    {
        var scales = new Option<string>("--scale", "-s") { Description = "Scales, comma separated", DefaultValueFactory = _ => "2,3,4" };
        var lr = new Option<string?>("--lr") { Description = "Folder of given LR images named like the set's (one scale), e.g. realistically degraded ones from `aepaint-train degrade`, instead of MATLAB-bicubic reductions" };
        var cmd = new Command("sr", "Bicubic super-resolution: MATLAB bicubic LR, PSNR/SSIM on BT.601 Y with `scale` pixels cropped");
        var common = EvalOptions.AddTo(cmd, withPeers: false);
        cmd.Options.Add(scales);
        cmd.Options.Add(lr);
        cmd.SetAction((pr, ct) =>
        {
            var s = common.Settings(pr);
            var report = SrEvaluation.Run(s, ParseList(pr.GetValue(scales)!, "-s", int.Parse), ct, pr.GetValue(lr));
            return Task.FromResult(common.Finish(pr, report));
        });
        return cmd;
    }

    private static Command Real()
    {
        var cmd = new Command("real", "Real noise: NOISY_i/GT_i or name_real/name_mean pairs, PSNR/SSIM over RGB");
        var common = EvalOptions.AddTo(cmd, withPeers: true);
        var sigmaSweep = new Option<string?>("--sigma-sweep") { Description = "Also run each noise-map model told each of these fixed σ (comma separated) and report, per image, the best of them beside the automatic σ" };
        cmd.Options.Add(sigmaSweep);
        RenamedOption.Add(cmd, "--sigmas", v => $"--sigmas {v}: now --sigma-sweep {v} (fixed σ told to the model, swept per image)");
        cmd.SetAction((pr, ct) =>
        {
            var sweep = pr.GetValue(sigmaSweep) is { } list ? ParseList(list, "--sigma-sweep", double.Parse) : null;
            if (sweep?.Any(v => v is < 0 or > 255 || double.IsNaN(v)) == true)
            {
                throw new CliException($"--sigma-sweep {pr.GetValue(sigmaSweep)}: every σ must lie in 0..255");
            }

            return Task.FromResult(common.Finish(pr, RealEvaluation.Run(common.Settings(pr), sweep, ct)));
        });
        return cmd;
    }

    /// <summary>The command line as typed (arguments with spaces quoted), for a report.</summary>
    internal static string CommandLine(ParseResult pr) =>
        "aepaint " + string.Join(" ", pr.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));

    private static T[] ParseList<T>(string text, string option, Func<string, IFormatProvider, T> parse)
    {
        try
        {
            var values = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => parse(v, CultureInfo.InvariantCulture)).ToArray();
            return values.Length > 0 ? values : throw new CliException($"{option} {text}: give at least one value");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new CliException($"{option} {text}: expected numbers separated by commas");
        }
    }
}
