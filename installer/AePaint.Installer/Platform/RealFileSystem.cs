namespace AePaint.Installer.Platform;

/// <summary>The machine's file system, thin.</summary>
public class RealFileSystem : IInstallFileSystem
{
    public virtual bool FileExists(string path) => File.Exists(path);

    public virtual bool DirectoryExists(string path) => Directory.Exists(path);

    public virtual IEnumerable<string> EnumerateFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories);

    public virtual IEnumerable<string> EnumerateDirectories(string folder) => Directory.EnumerateDirectories(folder);

    public virtual Stream OpenRead(string path) => File.OpenRead(path);

    public virtual string ReadAllText(string path) => File.ReadAllText(path);

    public virtual void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public virtual void CopyFile(string source, string destination) => File.Copy(source, destination, overwrite: false);

    public virtual void WriteAllText(string path, string text) => File.WriteAllText(path, text);

    public virtual void MoveDirectory(string source, string destination) => Directory.Move(source, destination);

    public virtual void DeleteFile(string path)
    {
        ClearReadOnly(path);
        File.Delete(path);
    }

    public virtual void DeleteDirectory(string path)
    {
        // Files copied from a read-only medium keep the attribute on Windows and would make the delete fail.
        foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            ClearReadOnly(f);
        }

        Directory.Delete(path, recursive: true);
    }

    public virtual void ProbeWritable(string folder)
    {
        var probe = Path.Combine(folder, ".aepaint-write-test-" + Guid.NewGuid().ToString("N")[..8]);
        using (File.Create(probe, 1, FileOptions.DeleteOnClose))
        {
        }
    }

    private static void ClearReadOnly(string path)
    {
        var attributes = File.GetAttributes(path);
        if (attributes.HasFlag(FileAttributes.ReadOnly))
        {
            File.SetAttributes(path, attributes & ~FileAttributes.ReadOnly);
        }
    }
}
