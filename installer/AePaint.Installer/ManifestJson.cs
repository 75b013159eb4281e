using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using AePaint.Imaging.Files;
using AePaint.Installer.Platform;

namespace AePaint.Installer;

/// <summary>One file of a bundle or an install: path relative to its folder ('/' separators), SHA-256, size.</summary>
public sealed record FileEntry(string Path, string Sha256, long Size)
{
    /// <summary>The entry's full path below <paramref name="folder"/>; a path leaving it, or going through a link, is refused.</summary>
    public string Under(string folder) => SafePath.Below(folder, Path, folder);

    public static FileEntry Of(IInstallFileSystem fs, string file, string relative)
    {
        using var s = fs.OpenRead(file);
        var hash = Convert.ToHexStringLower(SHA256.HashData(s));
        return new FileEntry(relative.Replace('\\', '/'), hash, s.Length);
    }

    /// <summary>Null when the file on disk matches, else what is wrong with it.</summary>
    public string? Check(IInstallFileSystem fs, string folder)
    {
        var full = Under(folder);
        if (!fs.FileExists(full))
        {
            return $"{Path}: missing";
        }

        var actual = Of(fs, full, Path);
        return actual.Sha256 == Sha256 ? null : $"{Path}: changed (SHA-256 {actual.Sha256[..12]}…, expected {Sha256[..12]}…)";
    }
}

/// <summary>Which ONNX Runtime build the plugin carries: flavour "CPU" or "DirectML", package version, native library path.</summary>
public sealed record OnnxRuntimeInfo(string Flavour, string? Version, string NativeLibrary);

/// <summary>A part of a bundle: "plugin" (→ Effects\AePaint), "cli", "trainer" (→ per-user folders), "installer" (not installed).</summary>
public sealed record BundleComponent(string Name, string Folder, IReadOnlyList<FileEntry> Files);

/// <summary>aepaint-bundle.json at the bundle's root: what the bundle holds, with checksums.</summary>
public sealed record BundleManifest
{
    public const string FileName = "aepaint-bundle.json";

    public int Format { get; init; } = 1;

    public required string Version { get; init; }

    public required string Rid { get; init; }

    public required OnnxRuntimeInfo OnnxRuntime { get; init; }

    /// <summary>What the plugin was compiled against: "Paint.NET", "stand-in" (CI build, will not load in Paint.NET) or "unknown".</summary>
    public required string PaintDotNetApi { get; init; }

    public required IReadOnlyList<BundleComponent> Components { get; init; }

    public BundleComponent? Component(string name) => Components.FirstOrDefault(c => c.Name == name);
}

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
