using AePaint.Inference;

namespace AePaint.Installer.Platform;

/// <summary>
/// The machine's well-known folders. Everything the installer decides is derived from these, so tests point
/// them into a temporary tree that mimics a Windows profile.
/// </summary>
public sealed record InstallEnvironment
{
    /// <summary>%ProgramFiles% (Classic Paint.NET lives in its "paint.net" folder); null where there is none.</summary>
    public string? ProgramFiles { get; init; }

    /// <summary>The user's Documents (Paint.NET's per-user "paint.net App Files" folder is here; OneDrive may redirect it).</summary>
    public required string Documents { get; init; }

    /// <summary>%LOCALAPPDATA% (~/.local/share on Linux): per-user models and the optional CLI/trainer.</summary>
    public required string LocalAppData { get; init; }

    /// <summary>Per-user models folder, the same one the plugin and `aepaint` read (ModelCatalog).</summary>
    public string UserModelsFolder => ModelCatalog.UserFolderUnder(LocalAppData);

    /// <summary>Documents\paint.net App Files: the Store edition's (and the optional per-user) plugin root.</summary>
    public string PerUserPdnFolder => Path.Combine(Documents, "paint.net App Files");

    /// <summary>Where an optional component (cli, trainer) is installed for this user.</summary>
    public string ComponentFolder(string component) => Path.Combine(LocalAppData, "AePaint", component);

    public static InstallEnvironment FromSystem()
    {
        static string Get(Environment.SpecialFolder f) => Environment.GetFolderPath(f, Environment.SpecialFolderOption.DoNotVerify);
        var programFiles = Get(Environment.SpecialFolder.ProgramFiles);
        return new InstallEnvironment
        {
            ProgramFiles = string.IsNullOrEmpty(programFiles) ? null : programFiles,
            Documents = Get(Environment.SpecialFolder.MyDocuments),
            LocalAppData = Get(Environment.SpecialFolder.LocalApplicationData),
        };
    }
}
