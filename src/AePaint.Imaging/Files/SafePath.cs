namespace AePaint.Imaging.Files;

/// <summary>
/// The one check for a path read from a file (install manifests, model cards, recipes): it must stay below the folder
/// it is relative to. Rooted paths, drive letters, empty, "." and ".." segments are refused by spelling; a symbolic
/// link (or Windows junction) anywhere between the folder and the file is refused on disk.
/// </summary>
public static class SafePath
{
    /// <summary>The full path of <paramref name="relative"/> below <paramref name="root"/>; <paramref name="source"/> names the file it came from.</summary>
    public static string Below(string root, string relative, string source)
    {
        if (Problem(relative) is { } problem)
        {
            throw new FileSafetyException(source, $"path '{relative}' {problem}");
        }

        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(rootFull, relative.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar)));
        for (var p = full; p.Length > rootFull.Length; p = Path.GetDirectoryName(p)!)
        {
            if (IsLink(p))
            {
                throw new FileSafetyException(source, $"path '{relative}' goes through the link {p}; links are not followed");
            }
        }

        return full;
    }

    /// <summary>Why <paramref name="relative"/> may not name a file below a folder, or null when it may.</summary>
    public static string? Problem(string relative)
    {
        if (string.IsNullOrEmpty(relative))
        {
            return "is empty";
        }

        if (Path.IsPathRooted(relative) || relative[0] is '/' or '\\' || relative.Contains(':', StringComparison.Ordinal))
        {
            return "is absolute; only paths relative to the folder are allowed";
        }

        foreach (var segment in relative.Split('/', '\\'))
        {
            if (segment is "" or "." or ".." || segment.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return "leaves its folder or has an empty, '.' or '..' part";
            }
        }

        return null;
    }

    private static bool IsLink(string path)
    {
        if (new FileInfo(path).LinkTarget != null)
        {
            return true;
        }

        return OperatingSystem.IsWindows() && Path.Exists(path) && File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint);
    }
}
