using System.CommandLine;
using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Cli.Commands;

/// <summary>`aepaint models [list | info &lt;model&gt; | install &lt;file.onnx&gt;]`: what is installed, what each card says, adding a trained model.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var cmd = new Command("models", "List installed models (default) or show one model's card");
        var list = new Command("list", "List models in the models folders");
        var info = new Command("info", "Show a model's card, where it was read from and the device it runs on");
        var model = new Argument<string>("model") { Description = "Model name or .onnx path" };
        info.Arguments.Add(model);
        var install = new Command("install", "Check a trained model's card and copy it (.onnx + .json card) to the per-user models folder, where the plugin finds it");
        var file = new Argument<string>("file") { Description = ".onnx file with its card embedded or as a .json sidecar beside it" };
        var to = new Option<string?>("--to") { Description = $"Models folder to install into (default: {ModelCatalog.UserFolder})" };
        var force = new Option<bool>("--force") { Description = "Replace a different model of the same file name" };
        install.Arguments.Add(file);
        install.Options.Add(to);
        install.Options.Add(force);
        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(info);
        cmd.Subcommands.Add(install);
        cmd.Subcommands.Add(ModelEmbed.Create());
        cmd.SetAction(pr => List(CliConsole.For(pr)));
        list.SetAction(pr => List(CliConsole.For(pr)));
        info.SetAction(pr => Info(CliConsole.For(pr), pr.GetValue(model)!));
        install.SetAction(pr => ModelInstall.Run(CliConsole.For(pr), pr.GetValue(file)!, pr.GetValue(to), pr.GetValue(force)));
        return cmd;
    }

    private static int List(CliConsole console)
    {
        var catalog = ModelCatalog.Default();
        var entries = catalog.List();
        console.Output.WriteLine("Models folders: " + string.Join(", ", catalog.Folders));
        if (entries.Count == 0)
        {
            console.Output.WriteLine("No models installed.");
            return 0;
        }

        foreach (var e in entries)
        {
            if (e.Card is { } c)
            {
                var what = c.Task switch { ModelTask.Denoise => "denoise", ModelTask.SuperResolution => $"SR ×{c.Scale}", _ => c.Task.ToString().ToLowerInvariant() };
                var nm = c.NoiseMap is { } n ? $", σ map {n.SigmaMin:0}–{n.SigmaMax:0}" : string.Empty;
                var role = c.Task is ModelTask.Denoise or ModelTask.SuperResolution && ModelPair.For(c.Task, c.Scale).RoleOf(c.Name) is { } r ? $", --quality {r}" : string.Empty;
                console.Output.WriteLine($"  {c.Name,-22} {what,-9} {c.Architecture ?? "?",-14} {c.InputChannels}ch{nm}{(c.Domain is { } d ? $", domain of {d.Photos} photos" : string.Empty)}{role}  {e.Path}");
            }
            else
            {
                console.Output.WriteLine($"  {e.Name,-22} UNUSABLE  {e.Problem}  {e.Path}");
            }
        }

        var denoise = ModelPair.For(ModelTask.Denoise, 1);
        string Installed(string name) => catalog.Find(name) is null ? " (not installed: best runs the fast one)" : string.Empty;
        var sr2 = ModelPair.For(ModelTask.SuperResolution, 2);
        console.Output.WriteLine($"Quality (denoise --quality): fast = {denoise.Fast} (default), best = {denoise.Best}{Installed(denoise.Best)}; "
            + $"upscale -s 2: fast = {sr2.Fast} (default), best = {sr2.Best}{Installed(sr2.Best)}; other scales: sr-x<s>-fast for both");
        return 0;
    }

    private static int Info(CliConsole console, string nameOrPath)
    {
        var path = ModelCatalog.Default().Resolve(nameOrPath);
        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        console.Output.WriteLine($"{path}");
        console.Output.WriteLine($"card: {model.CardSource.ToString().ToLowerInvariant()}; input '{model.InputName}', output '{model.OutputName}'");
        console.Output.WriteLine(ModelCardJson.Serialize(model.Card));
        return 0;
    }
}
