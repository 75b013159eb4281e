using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Cli.Commands;

/// <summary>
/// `aepaint models install &lt;file.onnx&gt;`: the shared <see cref="ModelInstaller"/> (checks the model loads with its
/// card, copies it and its card into the per-user models folder), with the CLI's messages.
/// </summary>
internal static class ModelInstall
{
    public static int Run(CliConsole console, string source, string? folder, bool force)
    {
        ModelInstallResult result;
        try
        {
            result = ModelInstaller.Install(source, folder, force);
        }
        catch (ModelInstallException e)
        {
            throw new CliException(e.Message);
        }

        var card = result.Card;
        console.Output.WriteLine(result.AlreadyInstalled
            ? $"{card.Name} is already installed: {result.Destination}"
            : $"Installed {card.Name} ({(card.Task == ModelTask.SuperResolution ? $"SR ×{card.Scale}" : card.Task.ToString().ToLowerInvariant())}) → {result.Destination}");
        if (!result.AlreadyInstalled && result.ShadowedBy is { } shadow)
        {
            console.Error.WriteLine($"aepaint: warning: {shadow} has the same file name and is found first; rename your model to use it");
        }

        return 0;
    }
}
