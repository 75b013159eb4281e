namespace AePaint.Installer.Platform;

/// <summary>
/// Every write the installer makes goes through here, so tests can inject failures (a read-only target, a file
/// that cannot be written midway) without relying on permissions — CI runs as root, where chmod stops nothing.
/// </summary>
public interface IInstallFileSystem
{
    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>Files below <paramref name="folder"/> (recursively), full paths.</summary>
    IEnumerable<string> EnumerateFiles(string folder);

    /// <summary>Immediate subfolders, full paths.</summary>
    IEnumerable<string> EnumerateDirectories(string folder);

    Stream OpenRead(string path);

    string ReadAllText(string path);

    void CreateDirectory(string path);

    /// <summary>Copies a file to a path that does not exist yet.</summary>
    void CopyFile(string source, string destination);

    void WriteAllText(string path, string text);

    /// <summary>Renames a folder (same volume: the atomic step of an install).</summary>
    void MoveDirectory(string source, string destination);

    void DeleteFile(string path);

    /// <summary>Deletes a folder and everything in it.</summary>
    void DeleteDirectory(string path);

    /// <summary>Throws <see cref="UnauthorizedAccessException"/> or <see cref="IOException"/> when files cannot be created in <paramref name="folder"/>.</summary>
    void ProbeWritable(string folder);
}
