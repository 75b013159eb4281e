using System.CommandLine;
using System.Globalization;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Files;
using AePaint.Imaging.Metrics;
using AePaint.Trainer.Degradations;
using AePaint.Trainer.Training;
using AePaint.Trainer.Data;

namespace AePaint.Trainer.Cli;

/// <summary>
/// `aepaint-train degrade`: writes the realistic LR version of every photo in a folder (the same chain srDegradation
/// "real" trains on, seeded per file), so `aepaint eval sr --lr` can score SR models on inputs like real small photos;
/// with `--noise camera`, a camera-JPEG noisy copy (<see cref="CameraJpeg"/>) of every photo as a
/// `name_real.png` / `name_mean.png` pair beside a `degrade.tsv` of what was drawn, for `aepaint eval real`.
/// </summary>
internal static class DegradeCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "Folder of full-size images (not recursive)", Required = true };
        var scale = new Option<int>("--scale", "-s") { Description = "Reduction factor 2..8", DefaultValueFactory = _ => 4 };
        var seed = new Option<int>("--seed") { Description = "Seed; image i (by sorted name) draws from (seed, i)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the LR PNGs (same names)", Required = true };
        var noise = new Option<string?>("--noise") { Description = "camera: noisy copies at full size (camera noise, then JPEG q60–95) as name_real.png + name_mean.png pairs for `aepaint eval real`" };
        var cmd = new Command("degrade", "Write realistically degraded LR images (blur, bicubic ÷s, noise, JPEG, 8-bit) of a folder, for `aepaint eval sr --lr`") { set, scale, seed, output, noise };
        cmd.SetAction(pr =>
        {
            var log = pr.InvocationConfiguration.Output;
            int s = pr.GetValue(scale);
            if (s is < 2 or > 8)
            {
                throw new TrainerException($"-s {s}: use 2..8");
            }

            string dir = pr.GetValue(set)!, outDir = pr.GetValue(output)!;
            if (!Directory.Exists(dir))
            {
                throw new TrainerException($"{dir}: folder not found");
            }

            var files = Directory.GetFiles(dir).Where(ImageFile.IsSupportedInput).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                throw new TrainerException($"{dir}: no PNG, JPEG or WebP images in this folder");
            }

            OutputPolicy.CheckFolder(dir, outDir);
            OutputPolicy.CheckFreshFolder(outDir, resume: false, "degrade writes into a new or empty folder: choose another -o");
            Directory.CreateDirectory(outDir);
            if (pr.GetValue(noise) is { } kind)
            {
                return kind == "camera"
                    ? WriteCameraPairs(files, pr.GetValue(seed), outDir, log)
                    : throw new TrainerException($"--noise {kind}: the one kind is camera");
            }

            var pipeline = RealLowResolution.For(s);
            for (int i = 0; i < files.Length; i++)
            {
                // Cropped to a multiple of s first, as the SR protocol crops the HR, so ×s of the LR is the HR's size.
                var hr = PixelConversion.ToPlanar(ProtocolScores.ModCrop(ImageFile.Load(files[i]), s));
                var lr = RealLowResolution.Apply(pipeline, hr, SeededRandom.For(pr.GetValue(seed), i));
                var path = Path.Combine(outDir, Path.GetFileNameWithoutExtension(files[i]) + ".png");
                ImageFile.Save(path, PixelConversion.ToBgra8(lr.Image), 95);
                log.WriteLine($"{path}: {lr.Image.Width}×{lr.Image.Height}, {string.Join(" → ", lr.Steps)}");
            }

            return 0;
        });
        return cmd;
    }

    private static int WriteCameraPairs(string[] files, int seed, string outDir, TextWriter log)
    {
        var table = new List<string> { "name\tnoise_rms_255\tjpeg_quality\tsteps" };
        for (int i = 0; i < files.Length; i++)
        {
            var clean = ImageFile.Load(files[i]);
            var noisy = CameraJpeg.Apply(PixelConversion.ToPlanar(clean), SeededRandom.For(seed, i));
            string name = Path.GetFileNameWithoutExtension(files[i]), path = Path.Combine(outDir, name + "_real.png");
            ImageFile.Save(path, PixelConversion.ToBgra8(noisy.Image), 95);
            ImageFile.Save(Path.Combine(outDir, name + "_mean.png"), clean, 95);
            var quality = noisy.Steps.Select(s => s.Quality).LastOrDefault(q => q is not null);
            table.Add(string.Create(CultureInfo.InvariantCulture, $"{name}\t{noisy.NoiseSigma255:F2}\t{quality}\t{string.Join(" → ", noisy.Steps)}"));
            log.WriteLine($"{path}: {string.Join(" → ", noisy.Steps)}");
        }

        string tsv = Path.Combine(outDir, "degrade.tsv");
        File.WriteAllText(tsv + ".tmp", string.Join('\n', table) + "\n");
        File.Move(tsv + ".tmp", tsv, overwrite: true);
        return 0;
    }
}
