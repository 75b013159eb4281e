using System.Text.Json;
using System.Text.Json.Serialization;
using AePaint.Imaging.Files;
using AePaint.Installer.Platform;

namespace AePaint.Installer;

internal static class ManifestJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    public static T Read<T>(IInstallFileSystem fs, string path)
    {
        T value;
        try
        {
            value = JsonSerializer.Deserialize<T>(fs.ReadAllText(path), Options) ?? throw new InstallerException($"{path}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new InstallerException($"{path}: not a valid manifest ({e.Message})", e);
        }

        IEnumerable<string> relative = value switch
        {
            BundleManifest b => b.Components.SelectMany(c => c.Files.Select(f => f.Path).Prepend(c.Folder)),
            InstallManifest i => i.Files.Select(f => f.Path),
            _ => [],
        };
        foreach (var p in relative)
        {
            if (SafePath.Problem(p) is { } problem)
            {
                throw new InstallerException($"{path}: lists the path '{p}', which {problem}; refused, nothing was changed");
            }
        }

        return value;
    }

    /// <summary>The install manifest in <paramref name="folder"/>, or null when there is none.</summary>
    public static InstallManifest? ReadInstall(IInstallFileSystem fs, string folder)
    {
        var path = Path.Combine(folder, InstallManifest.FileName);
        return fs.FileExists(path) ? Read<InstallManifest>(fs, path) : null;
    }
}
