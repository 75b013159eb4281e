using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>
/// Installs a trained model (.onnx + its card) into a models folder, by default the per-user one that the plugin and
/// `aepaint` both search and that upgrades never touch. Host-free: `aepaint models install` and
/// `aepaint-train --install` both use it, so the checks and the atomic copy live in one place.
/// </summary>
public static class ModelInstaller
{
    public static ModelInstallResult Install(string source, string? folder = null, bool force = false)
    {
        if (!File.Exists(source))
        {
            throw new ModelInstallException($"{source}: file not found");
        }

        if (!source.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelInstallException($"{source}: expected an .onnx model file (its card embedded, or as a .json sidecar beside it)");
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
                return new ModelInstallResult(card, dest, AlreadyInstalled: true, Shadow(target, dest));
            }

            throw new ModelInstallException($"{dest} already exists and is a different model; rename yours or pass --force to replace it");
        }

        CopyPair(source, cardText, dest);
        return new ModelInstallResult(card, dest, AlreadyInstalled: false, Shadow(target, dest));
    }

    private static string? Shadow(string target, string dest) =>
        ModelCatalog.Default().Folders.TakeWhile(f => !SamePath(f, target))
            .Select(f => Path.Combine(f, Path.GetFileName(dest))).FirstOrDefault(File.Exists);

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
