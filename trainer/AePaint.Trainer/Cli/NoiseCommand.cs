using System.CommandLine;
using AePaint.Imaging.Files;
using AePaint.Trainer.Data;
using AePaint.Trainer.NoiseEstimation;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Cli;

/// <summary>
/// `aepaint-train noise labels|train`: the learned automatic noise level. `labels` writes crops of training photos
/// with the σ the denoiser does best with (real ONNX Runtime sweeps); `train` fits the small estimator net on them and
/// exports it to ONNX with its card.
/// </summary>
internal static class NoiseCommand
{
    public static Command Create()
    {
        var cmd = new Command("noise", "The learned automatic noise level: label crops with the σ a denoiser needs, train the estimator on them");
        cmd.Subcommands.Add(Labels());
        cmd.Subcommands.Add(NoiseEstimatorCommand.Train());
        cmd.Subcommands.Add(Check());
        return cmd;
    }

    private static Command Check()
    {
        var set = new Option<string>("--set") { Description = "Folder of real-noise pairs (name_real/name_mean, NOISY_i/GT_i), or of clean photos with --clean-jpeg", Required = true };
        var cleanJpeg = new Option<bool>("--clean-jpeg") { Description = "Save each clean photo as JPEG (q 60/75/85/95 in turn) and score the denoiser against that JPEG" };
        var skip = new Option<int>("--skip") { DefaultValueFactory = _ => 0 };
        var take = new Option<int>("--take") { DefaultValueFactory = _ => int.MaxValue };
        var model = new Option<string>("--model", "-m") { Description = "The noise-map denoiser", Required = true };
        var estimators = new Option<string[]>("--estimator") { Description = "Learned estimators (ONNX) to compare with the statistical reading", DefaultValueFactory = _ => [] };
        var sweep = new Option<string>("--sigma-sweep") { Description = "Fixed σ grid", DefaultValueFactory = _ => "0,2,4,6,8,11,15,20,27" };
        var report = new Option<string>("--report") { Description = "TSV report (its σ-grid cache beside it, reused by later checks)", Required = true };
        var judge = new Option<bool>("--judge") { Description = "Also write REPORT.judge.tsv: the luma RMS the model removes (MethodNoise.RemovedRms, 0..255) at each σ of the grid beside the PSNR curve, for fitting" };
        var cap = new Option<bool>("--judged") { Description = "Also the statistical reading as the model judges it (NoiseLevel.Read with the model, MethodNoise.Judge)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing report (and REPORT.judge.tsv); without it an existing one stops the check before any run" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads for the denoiser", DefaultValueFactory = _ => 2 };
        var cmd = new Command("check", "The denoiser's PSNR at the statistical and learned noise readings and at a σ grid, per image") { set, cleanJpeg, skip, take, model, estimators, sweep, report, judge, cap, overwrite, threads };
        cmd.SetAction(pr =>
        {
            var grid = pr.GetValue(sweep)!.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            NoiseLevelCheck.Run(pr.GetValue(set)!, pr.GetValue(cleanJpeg), pr.GetValue(skip), pr.GetValue(take), pr.GetValue(model)!, pr.GetValue(estimators)!, grid, pr.GetValue(report)!, pr.InvocationConfiguration.Output, pr.GetValue(judge), pr.GetValue(cap), pr.GetValue(overwrite), pr.GetValue(threads));
            return 0;
        });
        return cmd;
    }

    private static Command Labels()
    {
        var data = new Option<string>("--data") { Description = "Folder of clean training photos (never evaluation images)", Required = true };
        var model = new Option<string>("--model", "-m") { Description = "The noise-map denoiser whose best σ is the label", Required = true };
        var count = new Option<int>("--count") { Description = "Crops to label", DefaultValueFactory = _ => 2000 };
        var size = new Option<int>("--size") { Description = "Crop side (a multiple of 8)", DefaultValueFactory = _ => 128 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "New folder for crops.bin and labels.tsv", Required = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Photo names to leave out (as the training recipes do)", DefaultValueFactory = _ => ["astronaut.png"] };
        var cmd = new Command("labels", "Crops of training photos, degraded as photos are, each labelled with the σ the denoiser does best with") { data, model, count, size, seed, output, exclude };
        cmd.SetAction(pr =>
        {
            string folder = pr.GetValue(data)!, outDir = pr.GetValue(output)!;
            int n = pr.GetValue(count), side = pr.GetValue(size);
            if (n < 1 || side < 16 || side % 8 != 0)
            {
                throw new TrainerException("--count must be positive and --size a multiple of 8, at least 16");
            }

            if (!Directory.Exists(folder))
            {
                throw new TrainerException($"{folder}: folder not found");
            }

            OutputPolicy.CheckFreshFolder(outDir, resume: false, "noise labels writes into a new or empty folder: choose another -o");
            var (photos, _) = PhotoFolderScan.ApplyExclusions(PhotoFolderScan.FindPhotos(folder), pr.GetValue(exclude)!, pr.InvocationConfiguration.Output.WriteLine);
            NoiseLabelWriter.Write(photos, pr.GetValue(model)!, outDir, n, side, pr.GetValue(seed), pr.InvocationConfiguration.Output);
            return 0;
        });
        return cmd;
    }
}
