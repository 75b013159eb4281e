using System.Security.Cryptography;
using System.Text;
using AePaint.ImageFiles;

namespace AePaint.Trainer.Data;

/// <summary>Finding photos, applying exclusions and splitting by file: everything before any pixel is decoded.</summary>
internal static class PhotoFolderScan
{
    private static readonly StringComparer PathComparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Every .jpg/.jpeg/.png/.webp under <paramref name="folder"/>, as full paths sorted by relative path ('/'-separated, ordinal).</summary>
    public static List<string> FindPhotos(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        return Directory.EnumerateFiles(folder, "*", options)
            .Where(ImageFile.IsSupportedInput)
            .Select(Path.GetFullPath)
            .OrderBy(p => Relative(folder, p), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Relative path with '/' separators, so splits and orders are the same on every OS.</summary>
    public static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');

    /// <summary>Splits <paramref name="files"/> into kept and excluded by the rules of <see cref="PhotoDatasetOptions.Exclude"/>.</summary>
    public static (List<string> Kept, List<string> Excluded) ApplyExclusions(IReadOnlyList<string> files, IReadOnlyList<string> exclude, Action<string>? log)
    {
        var paths = new HashSet<string>(PathComparer);
        var folders = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var contentFiles = new List<string>();
        foreach (var entry in exclude)
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            var full = Path.GetFullPath(entry);
            if (Directory.Exists(full))
            {
                folders.Add(Path.TrimEndingDirectorySeparator(full) + Path.DirectorySeparatorChar);
                contentFiles.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(ImageFile.IsSupportedInput));
            }
            else if (File.Exists(full))
            {
                paths.Add(full);
                contentFiles.Add(full);
            }
            else
            {
                var name = Path.GetFileName(entry);
                if (name != entry)
                {
                    log?.Invoke($"warning: exclusion {entry} does not exist; excluding files named {name} instead");
                }

                names.Add(name);
            }
        }

        // Renamed copies (the demo sample is byte-identical to a training photo): compare lengths first, hash on a match.
        var byLength = contentFiles.GroupBy(f => new FileInfo(f).Length).ToDictionary(g => g.Key, g => g.ToList());
        var hashes = new Dictionary<long, HashSet<string>>();
        bool SameBytes(string file)
        {
            long length = new FileInfo(file).Length;
            if (!byLength.TryGetValue(length, out var candidates))
            {
                return false;
            }

            if (!hashes.TryGetValue(length, out var set))
            {
                set = candidates.Select(Hash).ToHashSet(StringComparer.Ordinal);
                hashes[length] = set;
            }

            return set.Contains(Hash(file));
        }

        var kept = new List<string>();
        var excluded = new List<string>();
        foreach (var f in files)
        {
            bool drop = paths.Contains(f)
                || folders.Exists(d => f.StartsWith(d, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                || names.Contains(Path.GetFileName(f))
                || SameBytes(f);
            (drop ? excluded : kept).Add(f);
        }

        return (kept, excluded);
    }

    /// <summary>
    /// Validation = the <c>n</c> files with the smallest seeded hash of their relative path, n = max(1, round(fraction·count))
    /// (none when fraction is 0 or there is one file, never all). Hash order keeps the split stable when photos are added.
    /// </summary>
    public static (List<int> Train, List<int> Validation) Split(string folder, IReadOnlyList<string> files, double fraction, int seed)
    {
        int n = files.Count;
        int nVal = fraction <= 0 || n < 2 ? 0 : Math.Clamp((int)Math.Round(fraction * n), 1, n - 1);
        var ranked = Enumerable.Range(0, n)
            .OrderBy(i => SplitKey(seed, Relative(folder, files[i])))
            .ThenBy(i => i)
            .ToList();
        var val = ranked.Take(nVal).Order().ToList();
        var train = ranked.Skip(nVal).Order().ToList();
        return (train, val);
    }

    private static ulong SplitKey(int seed, string relative)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{relative}"));
        return BitConverter.ToUInt64(hash, 0);
    }

    private static string Hash(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
