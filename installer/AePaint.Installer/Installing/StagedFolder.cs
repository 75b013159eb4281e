using AePaint.Installer.Platform;

namespace AePaint.Installer.Installing;

/// <summary>
/// One folder replaced atomically: its new content is built in a sibling staging folder, then the current folder is
/// renamed aside and the staging folder renamed into place (two renames on one volume). Any failure puts the
/// previous folder back; leftovers of an interrupted run are recovered by the next one.
/// </summary>
internal sealed class StagedFolder
{
    private readonly IInstallFileSystem _fs;
    private readonly List<string> _createdParents = [];
    private bool _movedOld;
    private bool _committed;

    public StagedFolder(IInstallFileSystem fs, string target)
    {
        _fs = fs;
        Target = target;
        var id = Guid.NewGuid().ToString("N")[..8];
        Staging = Sibling(target, "staging-" + id);
        Old = Sibling(target, "old-" + id);
    }

    public string Target { get; }

    public string Staging { get; }

    public string Old { get; }

    /// <summary>Folders above the target this run created (to remove again on rollback or uninstall).</summary>
    public IReadOnlyList<string> CreatedParents => _createdParents;

    /// <summary>Creates the missing folders above the target, remembering which were new.</summary>
    public void CreateParents()
    {
        var missing = new Stack<string>();
        for (var dir = Path.GetDirectoryName(Target); dir != null && !_fs.DirectoryExists(dir); dir = Path.GetDirectoryName(dir))
        {
            missing.Push(dir);
        }

        while (missing.Count > 0)
        {
            var dir = missing.Pop();
            _fs.CreateDirectory(dir);
            _createdParents.Add(dir);
        }
    }

    public void Commit()
    {
        if (_fs.DirectoryExists(Target))
        {
            _fs.MoveDirectory(Target, Old);
            _movedOld = true;
        }

        try
        {
            _fs.MoveDirectory(Staging, Target);
            _committed = true;
        }
        catch
        {
            if (_movedOld)
            {
                _fs.MoveDirectory(Old, Target);
                _movedOld = false;
            }

            throw;
        }
    }

    /// <summary>Undoes this run's changes; returns what could not be undone (null when all was).</summary>
    public string? Rollback()
    {
        try
        {
            if (_committed)
            {
                _fs.MoveDirectory(Target, Staging);
                _committed = false;
            }

            if (_movedOld)
            {
                _fs.MoveDirectory(Old, Target);
                _movedOld = false;
            }

            if (_fs.DirectoryExists(Staging))
            {
                _fs.DeleteDirectory(Staging);
            }

            RemoveEmpty(_fs, _createdParents);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{Target} could not be fully restored ({e.Message}); the previous files are in {Old}";
        }
    }

    /// <summary>Deletes the replaced folder; a failure is only a warning (the next run cleans it up).</summary>
    public string? Finish()
    {
        if (!_movedOld)
        {
            return null;
        }

        try
        {
            _fs.DeleteDirectory(Old);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"could not delete the replaced copy {Old} ({e.Message}); delete it, or run install again";
        }
    }

    /// <summary>
    /// After an interrupted run: a target that was renamed aside but not replaced is put back; staging folders
    /// and replaced copies are deleted (Paint.NET would otherwise load them as a second plugin).
    /// </summary>
    public static void Recover(IInstallFileSystem fs, string target)
    {
        var parent = Path.GetDirectoryName(target);
        if (parent is null || !fs.DirectoryExists(parent))
        {
            return;
        }

        var prefix = "." + Path.GetFileName(target) + ".";
        var leftovers = fs.EnumerateDirectories(parent).Where(d => Path.GetFileName(d).StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var old = leftovers.Where(d => Path.GetFileName(d).StartsWith(prefix + "old-", StringComparison.Ordinal)).ToList();
        if (!fs.DirectoryExists(target) && old.Count == 1)
        {
            fs.MoveDirectory(old[0], target);
            leftovers.Remove(old[0]);
        }

        foreach (var dir in leftovers.Where(d => fs.DirectoryExists(target) || !old.Contains(d)))
        {
            fs.DeleteDirectory(dir);
        }
    }

    /// <summary>Removes the folders that are empty, deepest first.</summary>
    public static void RemoveEmpty(IInstallFileSystem fs, IEnumerable<string> folders)
    {
        foreach (var dir in folders.Distinct().OrderByDescending(d => d.Length))
        {
            if (fs.DirectoryExists(dir) && !fs.EnumerateDirectories(dir).Any() && !fs.EnumerateFiles(dir).Any())
            {
                fs.DeleteDirectory(dir);
            }
        }
    }

    private static string Sibling(string target, string suffix) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{suffix}");
}
