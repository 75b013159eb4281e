namespace AePaint.Imaging.Files;

/// <summary>
/// Lists the files below a folder, following links, with every real folder entered once and every real file listed
/// once (by identity): a link back to a parent ("ln -s . loop") adds nothing and cannot make the walk endless.
/// </summary>
public static class DirectoryWalk
{
    /// <summary>Regular files below <paramref name="root"/> whose path passes <paramref name="include"/>, in ordinal path order.</summary>
    public static IReadOnlyList<string> Files(string root, Func<string, bool> include)
    {
        var rootFull = Path.GetFullPath(root);
        var folders = new HashSet<(ulong, ulong)>();
        var files = new HashSet<(ulong, ulong)>();
        var found = new List<string>();
        var pending = new Stack<string>();
        if (FileIdentity.Of(rootFull) is { Kind: FileKind.Directory } first)
        {
            folders.Add((first.Device, first.Index));
            pending.Push(rootFull);
        }

        while (pending.TryPop(out var folder))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
            {
                var id = FileIdentity.Of(entry);
                if (id is { Kind: FileKind.Directory } d && folders.Add((d.Device, d.Index)))
                {
                    pending.Push(entry);
                }
                else if (id is { Kind: FileKind.Regular } f && include(entry) && files.Add((f.Device, f.Index)))
                {
                    found.Add(entry);
                }
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
