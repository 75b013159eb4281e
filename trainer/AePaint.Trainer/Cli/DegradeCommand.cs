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
/// `--shot/--read/--chroma-blur/--sharpen/--quality` fix the camera's parameters (one simulated camera at one ISO
/// instead of a spread of them); `--noisy-only` writes only the noisy copies, as `name.png` (a photographer's folder).
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
        var shot = new Option<double?>("--shot") { Description = "With --noise camera: fix the shot-noise gain a (linear light; default drawn from 1e-4..2e-2)" };
        var read = new Option<double?>("--read") { Description = "With --noise camera: fix the read-noise variance b (linear light; default drawn from 1e-6..1e-3)" };
        var chroma = new Option<double?>("--chroma-blur") { Description = "With --noise camera: fix the in-camera chroma smoothing σ in pixels (default drawn from 0..1)" };
        var sharpen = new Option<double?>("--sharpen") { Description = "With --noise camera: fix the unsharp-mask amount (default drawn from 0..1)" };
        var quality = new Option<int?>("--quality") { Description = $"With --noise camera: fix the JPEG quality (4:2:0; default drawn from {CameraJpeg.MinQuality}..{CameraJpeg.MaxQuality})" };
        var noisyOnly = new Option<bool>("--noisy-only") { Description = "With --noise camera: write only the noisy copies, as name.png (no clean copies: a folder to train --noisy-only on)" };
        var jpegFiles = new Option<bool>("--jpeg-files") { Description = "With --noise camera --noisy-only --quality q: write each noisy copy as the camera would, name.jpg at quality q (the same pixels as the PNG)" };
        var cmd = new Command("degrade", "Write realistically degraded LR images (blur, bicubic ÷s, noise, JPEG, 8-bit) of a folder, for `aepaint eval sr --lr`")
        {
            set, scale, seed, output, noise, shot, read, chroma, sharpen, quality, noisyOnly, jpegFiles,
        };
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
                if (kind != "camera")
                {
                    throw new TrainerException($"--noise {kind}: the one kind is camera");
                }

                int? jpeg = null;
                if (pr.GetValue(jpegFiles))
                {
                    jpeg = pr.GetValue(noisyOnly) && pr.GetValue(quality) is { } q ? q : throw new TrainerException("--jpeg-files needs --noisy-only and a fixed --quality");
                }

                return WriteCameraCopies(files, CameraPipeline(pr, shot, read, chroma, sharpen, quality), pr.GetValue(seed), outDir, pr.GetValue(noisyOnly), jpeg, log);
            }

            if (new Option[] { shot, read, chroma, sharpen, quality, noisyOnly, jpegFiles }.FirstOrDefault(x => pr.GetResult(x) is { Implicit: false }) is { } cameraOnly)
            {
                throw new TrainerException($"{cameraOnly.Name} applies to --noise camera only");
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

    /// <summary>The camera chain, each parameter given on the command line fixed, the others drawn from their default ranges.</summary>
    private static (CameraNoise Noise, JpegCompression Jpeg) CameraPipeline(ParseResult pr, Option<double?> shot, Option<double?> read, Option<double?> chroma, Option<double?> sharpen, Option<int?> quality)
    {
        var d = CameraNoise.Default;
        double? a = pr.GetValue(shot), b = pr.GetValue(read), c = pr.GetValue(chroma), s = pr.GetValue(sharpen);
        int? q = pr.GetValue(quality);
        try
        {
            var camera = new CameraNoise(a ?? d.MinShot, a ?? d.MaxShot, b ?? d.MinRead, b ?? d.MaxRead, c ?? d.MaxChromaBlur, s ?? d.MinSharpen, s ?? d.MaxSharpen, c ?? d.MinChromaBlur);
            return (camera, new JpegCompression(q ?? CameraJpeg.MinQuality, q ?? CameraJpeg.MaxQuality));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new TrainerException($"--noise camera: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    private static int WriteCameraCopies(string[] files, (CameraNoise Noise, JpegCompression Jpeg) chain, int seed, string outDir, bool noisyOnly, int? jpegQuality, TextWriter log)
    {
        var camera = jpegQuality is null ? CameraJpeg.For(chain.Noise, chain.Jpeg) : new DegradationPipeline(new DegradationStage(chain.Noise));
        var table = new List<string> { "name\tnoise_rms_255\tjpeg_quality\tsteps" };
        for (int i = 0; i < files.Length; i++)
        {
            var clean = ImageFile.Load(files[i]);
            var noisy = CameraJpeg.Apply(camera, PixelConversion.ToPlanar(clean), SeededRandom.For(seed, i));
            string name = Path.GetFileNameWithoutExtension(files[i]), path = Path.Combine(outDir, name + (jpegQuality is null ? noisyOnly ? ".png" : "_real.png" : ".jpg"));
            if (jpegQuality is { } q)
            {
                // The camera's JPEG itself (its quantisation tables in the file), encoded once: the pixels the in-memory chain gives.
                AtomicFile.Write(path, JpegCompression.Encode(PixelConversion.ToBgra8(noisy.Image), q), replace: true);
            }
            else
            {
                ImageFile.Save(path, PixelConversion.ToBgra8(noisy.Image), 95);
            }
            if (!noisyOnly)
            {
                ImageFile.Save(Path.Combine(outDir, name + "_mean.png"), clean, 95);
            }

            var quality = jpegQuality ?? noisy.Steps.Select(s => s.Quality).LastOrDefault(q => q is not null);
            table.Add(string.Create(CultureInfo.InvariantCulture, $"{name}\t{noisy.NoiseSigma255:F2}\t{quality}\t{string.Join(" → ", noisy.Steps)}"));
            log.WriteLine($"{path}: {string.Join(" → ", noisy.Steps)}");
        }

        string tsv = Path.Combine(outDir, "degrade.tsv");
        File.WriteAllText(tsv + ".tmp", string.Join('\n', table) + "\n");
        File.Move(tsv + ".tmp", tsv, overwrite: true);
        return 0;
    }
}
