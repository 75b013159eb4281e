namespace AePaint.Installer.Bundling;

public sealed record BundleOptions
{
    /// <summary>The plugin's build folder (holds AePaint.PaintDotNet.dll and its .deps.json).</summary>
    public required string PluginOutput { get; init; }

    /// <summary>Folder with the shipped *.onnx and their *.json sidecar cards.</summary>
    public required string ModelsFolder { get; init; }

    public required string OutputFolder { get; init; }

    public string Rid { get; init; } = "win-x64";

    /// <summary>"cpu" or "directml" to insist on a flavour; null takes what the build has.</summary>
    public string? ExpectOrt { get; init; }

    /// <summary>Optional components: built output folders copied whole.</summary>
    public string? CliFolder { get; init; }

    public string? TrainerFolder { get; init; }

    /// <summary>A published aepaint-install placed at the bundle's root, so the unzipped bundle installs itself.</summary>
    public string? InstallerFolder { get; init; }
}
