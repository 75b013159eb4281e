using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Cli.Commands;

/// <summary>
/// `aepaint models install &lt;file.onnx&gt;`: checks that the model loads with its card, then copies it and its card
/// into the per-user models folder, which the plugin and `aepaint` both search and which upgrades never touch.
/// </summary>
internal static class ModelInstall
{
    public static int Run(CliConsole console, string source, string? folder, bool force)
    {
        if (!File.Exists(source))
        {
            throw new CliException($"{source}: file not found");
        }

        if (!source.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"{source}: expected an .onnx model file (its card embedded, or as a .json sidecar beside it)");
        }

        // The same checks the plugin makes when it loads the model: card present and usable, graph agrees with it.
        ModelCard card;
        using (var model = ModelSession.Open(source, ExecutionDevice.Cpu))
        {
            card = model.Card;
        }

        var target = Path.GetFullPath(folder ?? ModelCatalog.UserFolder);
        Directory.CreateDirectory(target);
        var dest = Path.Combine(target, Path.GetFileName(source));
        var sourceCard = ModelCardJson.SidecarPath(source);
        var cardText = File.Exists(sourceCard) ? File.ReadAllText(sourceCard) : ModelCardJson.Serialize(card) + "\n";
        if (File.Exists(dest) && !force)
        {
            if (File.ReadAllBytes(dest).AsSpan().SequenceEqual(File.ReadAllBytes(source)))
            {
                console.Output.WriteLine($"{card.Name} is already installed: {dest}");
                return 0;
            }

            throw new CliException($"{dest} already exists and is a different model; rename yours or pass --force to replace it");
        }

        CopyPair(source, cardText, dest);
        console.Output.WriteLine($"Installed {card.Name} ({(card.Task == ModelTask.Denoise ? "denoise" : $"SR ×{card.Scale}")}) → {dest}");
        var shadow = ModelCatalog.Default().Folders.TakeWhile(f => !SamePath(f, target))
            .Select(f => Path.Combine(f, Path.GetFileName(dest))).FirstOrDefault(File.Exists);
        if (shadow != null)
        {
            console.Error.WriteLine($"aepaint: warning: {shadow} has the same file name and is found first; rename your model to use it");
        }

        return 0;
    }

    /// <summary>
    /// Both files are written to temporary names first (a full disk fails there, before anything is replaced), then
    /// renamed card first: the catalog lists *.onnx, so the model never shows up without its card.
    /// </summary>
    private static void CopyPair(string source, string cardText, string dest)
    {
        var tag = ".tmp-" + Environment.ProcessId;
        var destCard = ModelCardJson.SidecarPath(dest);
        try
        {
            File.Copy(source, dest + tag, overwrite: true);
            File.WriteAllText(destCard + tag, cardText);
            File.Move(destCard + tag, destCard, overwrite: true);
            File.Move(dest + tag, dest, overwrite: true);
        }
        finally
        {
            File.Delete(dest + tag);
            File.Delete(destCard + tag);
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(b),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
