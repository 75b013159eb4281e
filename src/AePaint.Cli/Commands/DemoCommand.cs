using System.CommandLine;
using AePaint.ImageFiles;
using AePaint.Imaging.Files;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.Imaging.Noise;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Cli.Commands;

/// <summary>
/// `aepaint demo`: the shipped models on the bundled sample. Denoise: seeded AWGN on the clean photo, then the
/// default denoise model with σ auto. Upscale: the photo reduced with MATLAB bicubic, then bicubic and the
/// default SR model brought back up. Prints PSNR/SSIM against the clean photo and writes every image.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Folder for the demo images (default: aepaint-demo, or aepaint-demo-2, -3, … when that one is already used)" };
        var sample = new Option<string?>("--sample") { Description = "Clean photo to use (default samples/astronaut.png)" };
        var addNoise = new Option<float>("--add-noise") { Description = "σ of the Gaussian noise added to the clean sample (8-bit units)", DefaultValueFactory = _ => 25f };
        var device = new Option<ExecutionDevice>("--device", "-g") { DefaultValueFactory = _ => ExecutionDevice.Auto };
        var overwrite = EvalCommand.OverwriteOption("the demo's images in a folder that is not empty");
        var cmd = new Command("demo", "Denoise and upscale the bundled sample with the shipped models and print the PSNR gain");
        foreach (var o in new Option[] { output, sample, addNoise, device, overwrite })
        {
            cmd.Options.Add(o);
        }

        RenamedOption.Add(cmd, "--sigma", RenamedOption.SigmaNowTold);
        cmd.SetAction(pr =>
        {
            return Run(CliConsole.For(pr), pr.GetValue(sample) ?? FindSample(), pr.GetValue(output) ?? UnusedDefaultFolder(), pr.GetValue(addNoise), pr.GetValue(device), pr.GetValue(overwrite));
        });
        return cmd;
    }

    // Running the set-up command twice must work: a new folder each time rather than touching the earlier results.
    internal static string UnusedDefaultFolder(string parent = "")
    {
        const string name = "aepaint-demo";
        for (int i = 1; ; i++)
        {
            var candidate = Path.Combine(parent, i == 1 ? name : $"{name}-{i}");
            if (!Directory.Exists(candidate) && !File.Exists(candidate))
            {
                return candidate;
            }
        }
    }

    private static int Run(CliConsole console, string samplePath, string outDir, float addNoise, ExecutionDevice device, bool overwrite)
    {
        var clean = ImageFile.Load(samplePath);
        OutputPolicy.CheckFreshFolder(outDir, overwrite, "pass --overwrite to replace the demo's images in it, or choose another -o");
        Directory.CreateDirectory(outDir);
        var save = new SaveOptions { Overwrite = overwrite };
        var catalog = ModelCatalog.Default();
        var o = console.Output;
        o.WriteLine($"sample: {samplePath} ({clean.Width}×{clean.Height}); results in {Path.GetFullPath(outDir)}");
        o.WriteLine("| task | input PSNR / SSIM | AePaint PSNR / SSIM | gain | model | time |");
        o.WriteLine("|---|---|---|---|---|---|");

        var denoiser = catalog.Resolve(ModelPair.DefaultName(ModelTask.Denoise, 1));
        var noisy = PixelConversion.ToBgra8(GaussianNoise.AddAwgn(PixelConversion.ToPlanar(clean), addNoise, seed: 1, clip: true));
        using var sessions = new ModelSessionCache();
        var model = CliFallback.Start(denoiser, device, null, sessions, console);
        var (restored, report) = model.Run(noisy, new RunSettings());
        var before = ProtocolScores.Denoise(clean, noisy);
        var after = ProtocolScores.Denoise(clean, restored);
        Row(o, $"denoise σ{addNoise:0} (auto σ {report.Sigma:F1})", before, after, model.Session, report);
        ImageFile.Save(Path.Combine(outDir, "noisy.png"), noisy, null, save);
        ImageFile.Save(Path.Combine(outDir, "denoised.png"), restored, null, save);

        foreach (var scale in new[] { 2, 4 })
        {
            string path;
            try
            {
                path = catalog.Resolve(ModelPair.DefaultName(ModelTask.SuperResolution, scale));
            }
            catch (ModelLoadException) when (scale != 2)
            {
                o.WriteLine($"| SR ×{scale} | — | not installed | | | |");
                continue;
            }

            var hr = ProtocolScores.ModCrop(clean, scale);
            var lr = ProtocolScores.SrLowResolution(hr, scale);
            var bicubic = ProtocolScores.SrBicubicUpscale(lr, scale);
            var upscaler = CliFallback.Start(path, device, null, sessions, console);
            var (sr, srReport) = upscaler.Run(lr, new RunSettings());
            Row(o, $"SR ×{scale} (vs bicubic, Y)", ProtocolScores.SuperResolution(hr, bicubic, scale), ProtocolScores.SuperResolution(hr, sr, scale), upscaler.Session, srReport);
            ImageFile.Save(Path.Combine(outDir, $"x{scale}-input.png"), lr, null, save);
            ImageFile.Save(Path.Combine(outDir, $"x{scale}-bicubic.png"), bicubic, null, save);
            ImageFile.Save(Path.Combine(outDir, $"x{scale}-aepaint.png"), sr, null, save);
        }

        return 0;
    }

    private static void Row(TextWriter o, string task, (double Psnr, double Ssim) before, (double Psnr, double Ssim) after, ModelSession model, RunReport report) =>
        o.WriteLine($"| {task} | {before.Psnr:F2} dB / {before.Ssim:F4} | {after.Psnr:F2} dB / {after.Ssim:F4} | {after.Psnr - before.Psnr:+0.00;-0.00} dB | {model.Card.Name} ({model.Provider}) | {report.Elapsed.TotalSeconds:F1} s |");

    internal static string FindSample()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var p = Path.Combine(dir.FullName, "samples", "astronaut.png");
                if (File.Exists(p))
                {
                    return p;
                }
            }
        }

        throw new CliException("samples/astronaut.png not found next to aepaint or above the current folder; pass --sample");
    }
}
