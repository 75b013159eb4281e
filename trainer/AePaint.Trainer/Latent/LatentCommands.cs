using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AePaint.Inference.Cards;
using AePaint.Imaging.Files;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using static TorchSharp.torch;

namespace AePaint.Trainer.Latent;

/// <summary>
/// `aepaint-train embed` (the patch embedder behind `-m auto`) and `aepaint-train vae` (a VAE with its latent-plane
/// grid and scatter pictures). Both read photo folders into a <see cref="PatchBank"/> and export ONNX with a card.
/// </summary>
internal static class LatentCommands
{
    public static Command Embed() => Create("embed", "Train the patch embedder (conv autoencoder; its encoder is exported, card task embed) that lets `-m auto` choose models", "embed-general", patch: 64, latent: 32);

    public static Command Vae() => Create("vae", "Train a conv VAE on photo patches; writes latent-grid.png (decoded sweep of the latent plane), latent-scatter.png (patch latents by source folder) and the decoder as ONNX", "vae", patch: 32, latent: 2);

    private static Command Create(string kind, string description, string defaultName, int patch, int latent)
    {
        var data = new Option<string[]>("--data", "-d") { Description = "Photo folder(s), recursive; with one folder its subfolders are the scatter's colours", Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string>("--name") { Description = "Model name (card and file)", DefaultValueFactory = _ => defaultName };
        var run = new Option<string?>("--run") { Description = $"Run folder (default runs/{kind}-<time>)" };
        var patchOpt = new Option<int>("--patch") { Description = "Patch side (power of two ≥ 8)", DefaultValueFactory = _ => patch };
        var latentOpt = new Option<int>("--latent") { Description = kind == "vae" ? "Latent size (2 = the plane the grid sweeps)" : "Embedding size", DefaultValueFactory = _ => latent };
        var width = new Option<int>("--width") { Description = "Channels of the first conv (doubled per level)", DefaultValueFactory = _ => 32 };
        var batch = new Option<int>("--batch") { Description = "Patches per step", DefaultValueFactory = _ => 32 };
        var steps = new Option<long>("--steps") { Description = "Optimizer steps", DefaultValueFactory = _ => 3000 };
        var minutes = new Option<double?>("--minutes") { Description = "Wall-clock budget (stops early, then exports)" };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3 };
        var beta = new Option<double>("--beta") { Description = "VAE: weight of the KL term", DefaultValueFactory = _ => 1.0 };
        var perPhoto = new Option<int>("--patches-per-photo") { Description = "Random patches cut once from each photo", DefaultValueFactory = _ => 64 };
        var maxPhotos = new Option<int>("--max-photos") { Description = "Photos used at most (evenly spaced)", DefaultValueFactory = _ => 300 };
        var grid = new Option<int>("--grid") { Description = "VAE: cells per side of the latent-plane sweep", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: all cores)" };
        var output = new Option<string?>("--output", "-o") { Description = "Also copy the exported .onnx (and card) here" };
        var cmd = new Command(kind, description);
        foreach (var o in new Option[] { data, name, run, patchOpt, latentOpt, width, batch, steps, minutes, lr, perPhoto, maxPhotos, seed, threads, output })
        {
            cmd.Options.Add(o);
        }

        if (kind == "vae")
        {
            cmd.Options.Add(beta);
            cmd.Options.Add(grid);
        }

        cmd.SetAction((pr, ct) =>
        {
            var o = new LatentOptions
            {
                Kind = kind,
                Data = [.. pr.GetValue(data)!.Select(Path.GetFullPath)],
                Name = pr.GetValue(name)!,
                Patch = pr.GetValue(patchOpt),
                Latent = pr.GetValue(latentOpt),
                Width = pr.GetValue(width),
                Batch = pr.GetValue(batch),
                Steps = pr.GetValue(steps),
                Minutes = pr.GetValue(minutes),
                LearningRate = pr.GetValue(lr),
                Beta = pr.GetValue(beta),
                PatchesPerPhoto = pr.GetValue(perPhoto),
                MaxPhotos = pr.GetValue(maxPhotos),
                Seed = pr.GetValue(seed),
            };
            var runDir = pr.GetValue(run) ?? Path.Combine("runs", $"{kind}-{DateTime.Now:yyyyMMdd-HHmmss}");
            return Task.FromResult(Run(o, runDir, pr.GetValue(grid), pr.GetValue(threads), pr.GetValue(output), pr.InvocationConfiguration.Output, ct));
        });
        return cmd;
    }

    public static int Run(LatentOptions o, string runDir, int grid, int? threads, string? copyTo, TextWriter log, CancellationToken cancel)
    {
        if (o.Patch < 8 || (o.Patch & (o.Patch - 1)) != 0 || o.Latent < 1 || o.Width < 1 || o.Batch < 1 || o.Steps < 1 || o.PatchesPerPhoto < 1 || o.MaxPhotos < 1 || (o.Kind == "vae" && grid < 2) || o.Beta < 0)
        {
            throw new TrainerException("bad options: --patch must be a power of two ≥ 8; --latent, --width, --batch, --steps, --patches-per-photo, --max-photos positive; --grid ≥ 2; --beta ≥ 0");
        }

        OutputPolicy.CheckFreshFolder(runDir, resume: false, "a new run there would replace its weights and model: choose another --run");
        log.WriteLine(TorchRuntime.InitializeForTraining(threads).ToString());
        var bank = new PatchBank(o.Data, o.Patch, o.PatchesPerPhoto, o.MaxPhotos, o.Seed, log);
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "options.json"), o.ToJson());
        var onnx = SafePath.Below(runDir, o.Name + ".onnx", "--name");
        var clock = Stopwatch.StartNew();
        if (o.Kind == "embed")
        {
            using var net = new PatchAutoencoder(o.Patch, o.Width, o.Latent);
            SeededInit.Apply(net, o.Seed);
            var steps = LatentTraining.TrainAutoencoder(net, bank, o, log, cancel);
            var card = LatentExport.Card(o, ModelTask.Embed, net.Encoder, steps, clock.Elapsed, bank);
            var parity = LatentExport.ExportEncoder(net.Encoder, o.Patch, o.Latent, card, onnx, bank);
            net.save(Path.Combine(runDir, "weights.dat"));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {onnx}: embedder {o.Latent} values per {o.Patch}×{o.Patch} patch, {card.Parameters:N0} params; parity {parity:E1}"));
            log.WriteLine($"install it where `-m auto` looks: aepaint models install {onnx}; then give models their domains: aepaint models embed <model> --data <its training photos>");
        }
        else
        {
            using var net = new PatchVae(o.Patch, o.Width, o.Latent);
            SeededInit.Apply(net, o.Seed);
            var steps = LatentTraining.TrainVae(net, bank, o, log, cancel);
            var card = LatentExport.Card(o, ModelTask.Generate, net.Decoder, steps, clock.Elapsed, bank);
            var parity = LatentExport.ExportDecoder(net.Decoder, card, onnx);
            net.save(Path.Combine(runDir, "weights.dat"));
            var gridPath = Path.Combine(runDir, "latent-grid.png");
            LatentPlots.WriteGrid(gridPath, LatentTraining.Decode(net.Decoder, LatentPlots.SweepPoints(grid, o.Latent)), grid, o.Patch, o.Latent);
            var scatterPath = Path.Combine(runDir, "latent-scatter.png");
            LatentPlots.WriteScatter(scatterPath, LatentTraining.LatentMeans(net, bank), Enumerable.Range(0, bank.Count).Select(bank.LabelOf).ToArray(), bank.Labels);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {onnx}: VAE decoder, {o.Latent}-D latent → {o.Patch}×{o.Patch} patch, {card.Parameters:N0} params; parity {parity:E1}"));
            log.WriteLine($"wrote {gridPath} and {scatterPath}" + (o.Latent > 2 ? " (latent > 2: the pictures use its first two coordinates)" : string.Empty));
        }

        if (copyTo != null)
        {
            File.Copy(onnx, copyTo, overwrite: true);
            File.Copy(Path.ChangeExtension(onnx, ".json"), Path.ChangeExtension(copyTo, ".json"), overwrite: true);
            log.WriteLine($"copied to {copyTo}");
        }

        return 0;
    }
}
