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
        root.Subcommands.Add(Compare());
    }

    public static Command Create()
    {
        var cmd = new Command("eval", """
            Score models on evaluation sets exactly as the literature does, with baselines and classical peers
            in the same report (../shared/docs/evaluation.md). Prints Markdown; -o NAME also writes NAME.md and NAME.json.

            Examples:
              aepaint eval denoise --set ../shared/data/eval/CBSD68 --sigma 15,25,50 -m denoise-general -o cbsd68
              aepaint eval sr --set ../shared/data/eval/Set5 -s 2,3,4 -m sr-x2-general
              aepaint eval real --set ../shared/data/eval/SIDD_samples -m denoise-general
              aepaint eval autopick --set photos-by-domain -m denoise-general -m birds     Auto's hit rate
            """);
        cmd.Subcommands.Add(Denoise());
        cmd.Subcommands.Add(Sr());
        cmd.Subcommands.Add(Real());
        cmd.Subcommands.Add(EvalAutoPickCommand.Create());
        return cmd;
    }

    private static Option<string> SetOption() => new("--set") { Description = "Folder of evaluation images (not recursive)", Required = true };

    private static Option<string[]> ModelOption() => new("--model", "-m", "-n") { Description = "Model name or .onnx path; repeat for several. Without it only baselines and peers run" };

    private static Option<string?> OutputOption() => new("--output", "-o") { Description = "Also write the report as NAME.md and NAME.json (both replaced atomically)" };

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

    private static Option<int?> TileOption() => new("--tile", "-t") { Description = $"Model window in pixels (default {RunSettings.DefaultTileSize})" };

    private static Option<ExecutionDevice> DeviceOption() => new("--device", "-g") { Description = "cpu (default: reproducible numbers), gpu or auto", DefaultValueFactory = _ => ExecutionDevice.Cpu };

    private static Option<bool> NoSsimOption() => new("--no-ssim") { Description = "PSNR only (faster)" };

    private static Option<int?> LimitOption() => new("--limit") { Description = "Only the first N images (sorted by name) — for quick checks; means then differ from full-set tables" };

    private static Option<string> PeersOption() => new("--peers") { Description = $"Classical denoisers (external programs, OpenCV in-process): all, none, or a comma list of {string.Join(", ", DenoisePeer.KnownIds)}", DefaultValueFactory = _ => DenoisePeer.DefaultSelection };

    private static Command Denoise()
    {
        var set = SetOption();
        var sigma = new Option<string>("--sigma") { Description = "Noise levels σ (0..255 units), comma separated", DefaultValueFactory = _ => "15,25,50" };
        var sigmaInput = new Option<string>("--sigma-input") { Description = "What a noise-map model is told: true (the σ added) or auto (estimated per image)", DefaultValueFactory = _ => "true" };
        sigmaInput.AcceptOnlyFromAmong("true", "auto");
        var cmd = new Command("denoise", "Gaussian denoising: unclipped AWGN with a fixed seed per image, PSNR/SSIM over RGB");
        var common = AddCommon(cmd, set, withPeers: true);
        cmd.Options.Add(sigma);
        cmd.Options.Add(sigmaInput);
        cmd.SetAction((pr, ct) =>
        {
            var s = common.Settings(pr);
            var report = DenoiseEvaluation.Run(s, ParseList(pr.GetValue(sigma)!, "--sigma", double.Parse), pr.GetValue(sigmaInput) == "auto", ct);
            return Task.FromResult(Finish(pr, report, common));
        });
        return cmd;
    }

    private static Command Sr()
    {
        var set = SetOption();
        var scales = new Option<string>("--scale", "-s") { Description = "Scales, comma separated", DefaultValueFactory = _ => "2,3,4" };
        var lr = new Option<string?>("--lr") { Description = "Folder of given LR images named like the set's (one scale), e.g. realistically degraded ones from `aepaint-train degrade`, instead of MATLAB-bicubic reductions" };
        var cmd = new Command("sr", "Bicubic super-resolution: MATLAB bicubic LR, PSNR/SSIM on BT.601 Y with `scale` pixels cropped");
        var common = AddCommon(cmd, set, withPeers: false);
        cmd.Options.Add(scales);
        cmd.Options.Add(lr);
        cmd.SetAction((pr, ct) =>
        {
            var s = common.Settings(pr);
            var report = SrEvaluation.Run(s, ParseList(pr.GetValue(scales)!, "-s", int.Parse), ct, pr.GetValue(lr));
            return Task.FromResult(Finish(pr, report, common));
        });
        return cmd;
    }

    private static Command Real()
    {
        var set = SetOption();
        var cmd = new Command("real", "Real noise: NOISY_i/GT_i or name_real/name_mean pairs, PSNR/SSIM over RGB");
        var common = AddCommon(cmd, set, withPeers: true);
        var sigmas = new Option<string?>("--sigmas") { Description = "Also run each noise-map model at these fixed σ (comma separated) and report, per image, the best of them beside the automatic σ" };
        cmd.Options.Add(sigmas);
        cmd.SetAction((pr, ct) =>
        {
            var sweep = pr.GetValue(sigmas) is { } list ? ParseList(list, "--sigmas", double.Parse) : null;
            if (sweep?.Any(v => v is < 0 or > 255 || double.IsNaN(v)) == true)
            {
                throw new CliException($"--sigmas {pr.GetValue(sigmas)}: every σ must lie in 0..255");
            }

            return Task.FromResult(Finish(pr, RealEvaluation.Run(common.Settings(pr), sweep, ct), common));
        });
        return cmd;
    }

    private static Command Compare()
    {
        var clean = new Argument<string>("clean") { Description = "The clean image (ground truth, or the HR image with -s)" };
        var noisy = new Option<string?>("--noisy") { Description = "A real noisy photo of the same scene (default: add AWGN of --sigma to the clean image, seed 0)" };
        var sigma = new Option<double?>("--sigma") { Description = $"Synthetic noise σ (default {CompareRun.DefaultSigma}); with --noisy, the σ told to peers and noise-map models (default: estimated)" };
        var scale = new Option<int?>("--scale", "-s") { Description = "Compare ×s super-resolution instead: input | bicubic | Lanczos3 | models | ground truth" };
        var crop = new Option<string?>("--crop") { Description = $"x,y,w,h of the crop in the clean image (default: the centre {CompareRun.DefaultCrop}×{CompareRun.DefaultCrop})" };
        var zoom = new Option<int>("--zoom") { Description = "Enlargement of the crops (nearest neighbour)", DefaultValueFactory = _ => 2 };
        var output = new Option<string>("--output", "-o") { Description = "Picture to write (.png)", DefaultValueFactory = _ => "compare.png" };
        var overwrite = OverwriteOption("the picture");
        var noReference = new Option<bool>("--no-reference") { Description = "The image is a real photo with no ground truth (e.g. RNI15): noisy | peers | models, or with -s the photo enlarged as it is (nearest | bicubic | Lanczos3 | models); no PSNR" };
        var models = ModelOption();
        var peers = PeersOption();
        var tile = TileOption();
        var device = DeviceOption();
        var cmd = new Command("compare", """
            One picture with the same crop from every method side by side — noisy | each peer | each model | ground
            truth — labelled with its whole-image PSNR.

            Examples:
              aepaint compare ../shared/data/eval/CBSD68/3096.png --sigma 50 -m denoise-general -o 3096.png
              aepaint compare GT_3.png --noisy NOISY_3.png -m denoise-general --crop 100,100,96,96 --zoom 3
              aepaint compare ../shared/data/eval/Set14/zebra.png -s 2 -m sr-x2-general
              aepaint compare ../shared/data/eval/RNI15/Dog.png --no-reference -m denoise-general
              aepaint compare small-old-photo.jpg --no-reference -s 4 -m sr-x4-general -m sr-x4-real
            """);
        cmd.Arguments.Add(clean);
        foreach (var o in new Option[] { noisy, sigma, scale, models, peers, crop, zoom, output, overwrite, tile, device, noReference })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction((pr, ct) =>
        {
            var console = CliConsole.For(pr);
            var settings = new CompareSettings
            {
                Clean = pr.GetValue(clean)!,
                Noisy = pr.GetValue(noisy),
                Sigma = pr.GetValue(sigma),
                Scale = pr.GetValue(scale),
                Models = pr.GetValue(models) ?? [],
                Peers = pr.GetValue(peers)!,
                Crop = pr.GetValue(crop) is { } c ? ParseCrop(c) : null,
                Zoom = pr.GetValue(zoom),
                Tile = pr.GetValue(tile),
                Device = pr.GetValue(device),
                NoReference = pr.GetValue(noReference),
            };
            if (settings.Sigma is { } sg && !(sg is > 0 and <= 255))
            {
                throw new CliException($"--sigma {sg.ToString(CultureInfo.InvariantCulture)}: use a noise level in (0, 255]");
            }

            var (sheet, panels, labels) = CompareRun.Run(settings, console.Error, ct);
            var inputs = new[] { settings.Clean, settings.Noisy }.OfType<string>().Select(FileIdentity.Of).OfType<FileIdentity>().ToHashSet();
            OutputPolicy.CheckTarget(pr.GetValue(output)!, inputs, pr.GetValue(overwrite), "--overwrite");
            var path = CompareRun.Save(sheet, pr.GetValue(output)!, pr.GetValue(overwrite));
            console.Output.WriteLine("| panel | PSNR (dB) |");
            console.Output.WriteLine("|---|---:|");
            foreach (var p in panels)
            {
                console.Output.WriteLine($"| {p.Label} | {(p.Psnr is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : p.NoScore)} |");
            }

            console.Output.WriteLine($"wrote {path} ({sheet.Width}×{sheet.Height})");
            if (!labels)
            {
                console.Error.WriteLine("aepaint: warning: no font found (install fonts-dejavu-core); the crops are unlabelled, the table above gives their order");
            }

            return Task.FromResult(0);
        });
        return cmd;
    }

    private sealed record Common(
        Option<string> Set,
        Option<string[]> Models,
        Option<string?> Output,
        Option<int?> Tile,
        Option<ExecutionDevice> Device,
        Option<bool> NoSsim,
        Option<int?> Limit,
        Option<string>? Peers,
        Option<bool> Record,
        Option<int> Passes)
    {
        public EvalSettings Settings(ParseResult pr)
        {
            if (pr.GetValue(Limit) is < 1)
            {
                throw new CliException($"--limit {pr.GetValue(Limit)}: use a positive number of images");
            }

            if (pr.GetValue(Record) && pr.GetValue(Limit) is not null)
            {
                throw new CliException("--record: not with --limit (a subset's means are not the set's figures)");
            }

            if (pr.GetValue(Tile) is < 8 or > 8192)
            {
                throw new CliException($"--tile {pr.GetValue(Tile)}: use 8..8192");
            }

            int passes = pr.GetValue(Passes);
            if (pr.GetValue(Record) && passes != 1)
            {
                throw new CliException("--record: not with --passes (a card's figures are for the model run once)");
            }

            return new EvalSettings
            {
                SetDir = pr.GetValue(Set)!,
                Models = pr.GetValue(Models) ?? [],
                Tile = pr.GetValue(Tile),
                Passes = passes,
                Device = pr.GetValue(Device),
                Ssim = !pr.GetValue(NoSsim),
                Limit = pr.GetValue(Limit),
                Peers = Peers is null ? "none" : pr.GetValue(Peers)!,
                Command = "aepaint " + string.Join(" ", pr.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value)),
                Log = CliConsole.For(pr).Error,
            };
        }
    }

    private static Common AddCommon(Command cmd, Option<string> set, bool withPeers)
    {
        var record = new Option<bool>("--record") { Description = "Also write each model's mean PSNR/SSIM into its card (embedded + sidecar), replacing earlier figures of the same set and condition" };
        var common = new Common(set, ModelOption(), OutputOption(), TileOption(), DeviceOption(), NoSsimOption(), LimitOption(), withPeers ? PeersOption() : null, record, PassesOption());
        foreach (var o in new Option?[] { common.Set, common.Models, common.Output, common.Tile, common.Device, common.NoSsim, common.Limit, common.Peers, common.Record, common.Passes })
        {
            if (o is not null)
            {
                cmd.Options.Add(o);
            }
        }

        return common;
    }

    private static int Finish(ParseResult pr, EvalReport report, Common common)
    {
        var console = CliConsole.For(pr);
        var markdown = EvalReportWriter.ToMarkdown(report);
        if (pr.GetValue(common.Output) is { } o)
        {
            var (md, json) = EvalReportWriter.Write(report, o);
            console.Error.WriteLine($"eval: wrote {md} and {json}");
        }

        if (pr.GetValue(common.Record))
        {
            foreach (var line in CardMetrics.Record(report, pr.GetValue(common.Models) ?? []))
            {
                console.Error.WriteLine($"eval: recorded in the card of {line}");
            }
        }

        console.Output.Write(markdown);
        return 0;
    }

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

    private static CropRect ParseCrop(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
        {
            throw new CliException($"--crop {text}: expected x,y,w,h in pixels");
        }

        var v = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new CropRect(v[0], v[1], v[2], v[3]);
    }
}
