using System.CommandLine;
using System.Globalization;
using AePaint.Evaluation.Comparison;
using AePaint.Imaging.Files;

namespace AePaint.Cli.Commands;

/// <summary>`aepaint compare`: one labelled picture of the same crop from every method (<see cref="CompareRun"/>).</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var clean = new Argument<string>("clean") { Description = "The clean image (ground truth, or the HR image with -s)" };
        var noisy = new Option<string?>("--noisy") { Description = "A real noisy photo of the same scene (default: add AWGN of --add-noise to the clean image, seed 0)" };
        var addNoise = new Option<double?>("--add-noise") { Description = $"AWGN σ added to the clean image (default {CompareRun.DefaultAddNoise}); peers and noise-map models are told it" };
        var sigma = new Option<string?>("--sigma") { Description = "With --noisy or --no-reference: the σ told to peers and noise-map models, auto (estimated from the photo, the default) or a number" };
        var scale = new Option<int?>("--scale", "-s") { Description = "Compare ×s super-resolution instead: input | bicubic | Lanczos3 | models | ground truth" };
        var crop = new Option<string?>("--crop") { Description = $"x,y,w,h of the crop in the clean image (default: the centre {CompareRun.DefaultCrop}×{CompareRun.DefaultCrop})" };
        var zoom = new Option<int>("--zoom") { Description = "Enlargement of the crops (nearest neighbour)", DefaultValueFactory = _ => 2 };
        var output = new Option<string>("--output", "-o") { Description = "Picture to write (.png)", DefaultValueFactory = _ => "compare.png" };
        var overwrite = EvalCommand.OverwriteOption("the picture");
        var noReference = new Option<bool>("--no-reference") { Description = "The image is a real photo with no ground truth (e.g. RNI15): noisy | peers | models, or with -s the photo enlarged as it is (nearest | bicubic | Lanczos3 | models); no PSNR" };
        var models = EvalCommand.ModelOption();
        var peers = EvalCommand.PeersOption();
        var tile = EvalCommand.TileOption();
        var device = EvalCommand.DeviceOption();
        var cmd = new Command("compare", """
            One picture with the same crop from every method side by side — noisy | each peer | each model | ground
            truth — labelled with its whole-image PSNR.

            Examples:
              aepaint compare ../shared/data/eval/CBSD68/3096.png --add-noise 50 -m denoise-fast -o 3096.png
              aepaint compare GT_3.png --noisy NOISY_3.png -m denoise-fast --crop 100,100,96,96 --zoom 3
              aepaint compare ../shared/data/eval/Set14/zebra.png -s 2 -m sr-x2-fast
              aepaint compare ../shared/data/eval/RNI15/Dog.png --no-reference -m denoise-fast
              aepaint compare small-old-photo.jpg --no-reference -s 4 -m sr-x4-fast -m sr-x4-real
            """);
        cmd.Arguments.Add(clean);
        foreach (var o in new Option[] { noisy, addNoise, sigma, scale, models, peers, crop, zoom, output, overwrite, tile, device, noReference })
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
                AddNoise = pr.GetValue(addNoise) is { } added ? CheckedLevel("--add-noise", added) : null,
                Sigma = pr.GetValue(sigma) is { } told and not "auto" ? CheckedLevel("--sigma", ParseSigma(told)) : null,
                Scale = pr.GetValue(scale),
                Models = pr.GetValue(models) ?? [],
                Peers = pr.GetValue(peers)!,
                Crop = pr.GetValue(crop) is { } c ? ParseCrop(c) : null,
                Zoom = pr.GetValue(zoom),
                Tile = pr.GetValue(tile),
                Device = pr.GetValue(device),
                NoReference = pr.GetValue(noReference),
            };
            var inputs = new[] { settings.Clean, settings.Noisy }.OfType<string>().Select(FileIdentity.Of).OfType<FileIdentity>().ToHashSet();
            OutputPolicy.CheckTarget(pr.GetValue(output)!, inputs, pr.GetValue(overwrite), "--overwrite");
            var (sheet, panels, labels) = CompareRun.Run(settings, console.Error.WriteLine, ct);
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

    private static double ParseSigma(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new CliException($"--sigma {text}: use auto or a noise level in (0, 255]");

    private static double CheckedLevel(string option, double sigma) =>
        sigma is > 0 and <= 255 ? sigma : throw new CliException($"{option} {sigma.ToString(CultureInfo.InvariantCulture)}: use a noise level in (0, 255]");

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
