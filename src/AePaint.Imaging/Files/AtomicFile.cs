using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AePaint.Imaging.Files;

/// <summary>
/// Writes a file so readers see either the old content or the complete new one: a hidden temp file in the same
/// folder (same file system, so the rename is atomic), flushed to disk, renamed over. The temp name carries our
/// marker and the writer's process id, so a later run can tell a temp file left by a killed writer from a live one
/// and from anything of the user's (<see cref="CleanStale"/>).
/// </summary>
public static partial class AtomicFile
{
    /// <summary>Test seam: runs after the temp file is complete, before the rename.</summary>
    public static readonly AsyncLocal<Action<string>?> BeforeReplace = new();

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; an existing file is replaced only when <paramref name="replace"/>.</summary>
    public static void Write(string path, byte[] bytes, bool replace) => Write(path, s => s.Write(bytes), replace);

    /// <summary>
    /// Streams the content through <paramref name="write"/> into a temp file, then renames it to <paramref name="path"/>.
    /// Without <paramref name="replace"/> an existing file (even one that appeared meanwhile) is left alone and
    /// <see cref="FileSafetyException"/> is thrown; on any failure the temp file is removed.
    /// </summary>
    public static void Write(string path, Action<Stream> write, bool replace)
    {
        var fullPath = Path.GetFullPath(path);
        var temp = TempPath(fullPath);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            BeforeReplace.Value?.Invoke(fullPath);
            if (!replace && File.Exists(fullPath))
            {
                throw new FileSafetyException(path, "already exists; it was left unchanged");
            }

            File.Move(temp, fullPath, overwrite: replace);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The temp name used for <paramref name="fullPath"/> by this process.</summary>
    public static string TempPath(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.aepaint-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Deletes the temp files in <paramref name="folder"/> (not below it) that a writer of ours left when it was killed:
    /// our name pattern, and no process with the recorded id is running. Returns the names removed.
    /// </summary>
    public static IReadOnlyList<string> CleanStale(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            var match = TempName().Match(Path.GetFileName(file));
            if (match.Success && !IsRunning(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) && TryDelete(file))
            {
                removed.Add(Path.GetFileName(file));
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the original error (or the run itself) matters more than a leftover temp file
        }
    }

    [GeneratedRegex(@"^\..+\.aepaint-([0-9]{1,9})-[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TempName();
}
