using System.Security.Cryptography;
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
