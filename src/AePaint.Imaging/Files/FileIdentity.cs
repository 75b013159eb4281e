namespace AePaint.Imaging.Files;

/// <summary>
/// Which file or folder a path really names: device + inode on Linux, volume serial + file index on Windows,
/// symbolic links followed. Two paths alias each other exactly when their identities are equal, however they are
/// spelled (symlinks, bind mounts, hard links, case on Windows).
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Index, FileKind Kind)
{
    /// <summary>The identity of what <paramref name="path"/> names, or null when nothing is there (or a link dangles).</summary>
    public static FileIdentity? Of(string path) => NativeStat.Identify(Path.GetFullPath(path));

    /// <summary>Same object on disk (the kind is a property of the object, not part of its name).</summary>
    public bool SameAs(FileIdentity other) => Device == other.Device && Index == other.Index;

    /// <summary>True when <paramref name="path"/> or one of its existing ancestors is the folder <paramref name="folder"/>.</summary>
    public static bool IsAtOrBelow(string path, FileIdentity folder)
    {
        for (var p = Path.GetFullPath(path); p != null; p = Path.GetDirectoryName(p))
        {
            if (Of(p) is { } id && id.SameAs(folder))
            {
                return true;
            }
        }

        return false;
    }
}
