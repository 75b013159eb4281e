using System.CommandLine;
using System.Globalization;
using AePaint.Inference.Cards;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Cli;

/// <summary>`aepaint-train`: train denoise / SR models from a photo folder, export checkpoints, list presets.</summary>
internal static class TrainerCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancel = default)
    {
        var root = new RootCommand("""
            aepaint-train: train AePaint's denoise and super-resolution models on your own photos (TorchSharp, CPU).

            Examples:
              aepaint-train denoise --data ~/Pictures/clean --minutes 30         → runs/denoise-<time>/my-model.onnx
              aepaint-train sr -s 2 --data ../shared/data/train --minutes 10 --name sr-x2-mine
              aepaint-train denoise --options recipe.json --resume --run runs/denoise-fast
              aepaint-train denoise --noisy-only --data ~/Pictures/iso6400 --minutes 60   no clean photos needed
              aepaint-train denoise --from denoise-fast --data ~/Pictures/birds --name birds --install
              aepaint-train export runs/x/checkpoints/best.ckpt -o my-denoise.onnx
              aepaint-train snapshot runs/x -o models/experiments/x/latest.ckpt   small resumable copy to commit
              aepaint-train embed --data ../shared/data/train --minutes 20         the embedder behind `aepaint … -m auto`
              aepaint-train vae --data ../shared/data/train --latent 2             latent-grid.png, latent-scatter.png
              aepaint-train presets
              aepaint-train bench                                                   step time per preset
              aepaint-train degrade --set ../shared/data/eval/Set14 -s 4 -o set14-real-x4   LR images for `aepaint eval sr --lr`
              aepaint-train noise labels --data ../shared/data/train -m models/denoise-fast.onnx -o runs/noise-labels
            """);
        root.Subcommands.Add(TrainCommand.Create("denoise", "Train a denoiser (U-Net with a noise-level map) on clean photos with synthetic noise, or on noisy photos alone (--noisy-only)"));
        root.Subcommands.Add(TrainCommand.Create("sr", "Train a ×2/×3/×4 super-resolution net on photos reduced with MATLAB bicubic"));
        root.Subcommands.Add(Latent.LatentCommands.Embed());
        root.Subcommands.Add(Latent.LatentCommands.Vae());
        root.Subcommands.Add(ExportCommand());
        root.Subcommands.Add(SnapshotCommand());
        root.Subcommands.Add(PresetsCommand());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(DegradeCommand.Create());
        root.Subcommands.Add(NoiseCommand.Create());
        var config = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(config, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TrainerException or TrainingDivergedException or Inference.ModelLoadException or ImageFiles.ImageFileException or InvalidOperationException or ArgumentException or IOException or InvalidDataException)
        {
            foreach (var line in e.Message.Split(Environment.NewLine))
            {
                await config.Error.WriteLineAsync("aepaint-train: error: " + line).ConfigureAwait(false); // a bad recipe: one line per problem
            }
            return 1;
        }
    }

    private static Command ExportCommand()
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "A .ckpt from a run's checkpoints folder" };
        var output = new Option<string>("--output", "-o") { Description = "The .onnx to write (its .json card sidecar goes beside it)", Required = true };
        var name = new Option<string?>("--name") { Description = "Model name in the card (default: the run's name)" };
        var overwrite = new Option<bool>(ModelTarget.OverwriteOption) { Description = "Replace an existing .onnx and card at -o" };
        var weights = new Option<WeightStorage>("--weights") { Description = $"Weight storage: fp32, fp16 (float16 in the file, cast to float32 as the model loads: half the size, float32 arithmetic) or auto = fp16 when the float32 weights exceed {OnnxExporter.Float16AboveBytes / 1_000_000} MB", DefaultValueFactory = _ => WeightStorage.Auto };
        var description = new Option<string?>("--description") { Description = "The card's model description (default: one written from the recipe)" };
        var cmd = new Command("export", "Export a checkpoint to ONNX (opset 17) with its model card, checked against ONNX Runtime") { checkpoint, output, name, overwrite, weights, description, DomainStamp.EmbedderOption };
        cmd.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            ModelTarget.CheckFree(pr.GetValue(output)!, pr.GetValue(overwrite));
            var (card, parity) = CheckpointExport.Export(pr.GetValue(checkpoint)!, pr.GetValue(output)!, pr.GetValue(name), weights: pr.GetValue(weights), description: pr.GetValue(description));
            o.WriteLine($"wrote {pr.GetValue(output)} ({card.Name}, {card.Architecture}, {card.Parameters:N0} params, {card.WeightStorage ?? "float32"} weights, RF {card.ReceptiveField}); parity {CheckpointExport.Describe(parity)}");
            DomainStamp.ApplyForCheckpoint(pr.GetValue(output)!, pr.GetValue(checkpoint)!, pr.GetValue(DomainStamp.EmbedderOption), o);
            return 0;
        });
        return cmd;
    }

    private static Command SnapshotCommand()
    {
        var source = new Argument<string>("source") { Description = "A run folder (its newest step checkpoint) or a .ckpt" };
        var output = new Option<string>("--output", "-o") { Description = "The snapshot to write; an existing file is replaced only if it is an AePaint checkpoint", Required = true };
        var cmd = new Command("snapshot", "Write a small resumable copy of a checkpoint (float16 weights and EMA, no AdamW moments) to commit with the run's recipe") { source, output };
        cmd.SetAction(pr =>
        {
            var from = pr.GetValue(source)!;
            var to = pr.GetValue(output)!;
            var checkpoint = Directory.Exists(from) ? Checkpoint.Latest(from) ?? throw new TrainerException($"{from}: no step checkpoints in {Checkpoint.Folder(from)}") : from;
            if (File.Exists(to))
            {
                Checkpoint.Load(to, null, null); // refuses (one error line) anything that is not a checkpoint: never replace a stranger's file
            }

            var state = Checkpoint.WriteSnapshot(checkpoint, to);
            pr.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {to} ({new FileInfo(to).Length / 1e6:F1} MB) from {checkpoint}: step {state.Step}, {state.ElapsedSeconds / 3600:F2} h trained{(state.HasEma ? ", with EMA" : string.Empty)}; resume by copying it into <run>/checkpoints/step-{state.Step:D8}.ckpt and running with --resume"));
            return 0;
        });
        return cmd;
    }

    private static Command PresetsCommand()
    {
        var cmd = new Command("presets", "List net presets with parameters and MACs per pixel");
        cmd.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            TorchRuntime.Initialize();
            o.WriteLine("| task | preset | params | MAC/px (input) | receptive field (theoretical) | multipleOf |");
            o.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var (task, scales) in new[] { (ModelTask.Denoise, new[] { 1 }), (ModelTask.SuperResolution, new[] { 2, 3, 4 }) })
            {
                var names = task == ModelTask.Denoise ? NetPreset.Denoise.Keys : NetPreset.SuperResolution.Keys;
                foreach (var preset in names)
                {
                    foreach (var s in scales)
                    {
                        using var net = TrainableNet.Create(task, preset, s, 1);
                        var label = task == ModelTask.Denoise ? "denoise" : $"sr ×{s}";
                        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {preset} | {net.Parameters:N0} | {net.MacsPerPixel:N0} | {net.TheoreticalReceptiveField} | {net.MultipleOf} |"));
                    }
                }
            }

            return 0;
        });
        return cmd;
    }
}
