namespace AePaint.Installer;

/// <summary>aepaint-install.json inside every folder install wrote: exactly what it put there, for verify and uninstall.</summary>
public sealed record InstallManifest
{
    public const string FileName = "aepaint-install.json";

    public int Format { get; init; } = 1;

    public required string Component { get; init; }

    public required string Version { get; init; }

    public required string Rid { get; init; }

    public OnnxRuntimeInfo? OnnxRuntime { get; init; }

    public string? PaintDotNetApi { get; init; }

    /// <summary>Folders above the install that did not exist before it (removed again by uninstall when empty).</summary>
    public IReadOnlyList<string> CreatedFolders { get; init; } = [];

    public required IReadOnlyList<FileEntry> Files { get; init; }
}
