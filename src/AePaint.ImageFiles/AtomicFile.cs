namespace AePaint.ImageFiles;

/// <summary>
/// Writes a file so readers see either the old content or the complete new one: write a hidden temp
/// file in the same folder (same file system, so the rename is atomic), flush it to disk, rename over.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Test seam: runs after the temp file is complete, before the rename.</summary>
    internal static readonly AsyncLocal<Action<string>?> BeforeReplace = new();

    public static void Write(string fullPath, string displayPath, ReadOnlySpan<byte> bytes)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            BeforeReplace.Value?.Invoke(fullPath);
            File.Move(temp, fullPath, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new ImageFileException(displayPath, $"could not be written ({e.Message}); any existing file is unchanged", e);
            }

            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than a leftover temp file.
        }
    }
}
