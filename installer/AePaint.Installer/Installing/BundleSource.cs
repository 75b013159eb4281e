using System.IO.Compression;
using AePaint.Installer.Platform;

namespace AePaint.Installer.Installing;

/// <summary>An unpacked bundle whose files were checked against its manifest (a damaged download is refused before anything is touched).</summary>
public sealed class BundleSource : IDisposable
{
    private readonly string? _extracted;

    private BundleSource(string folder, BundleManifest manifest, string? extracted)
    {
        Folder = folder;
        Manifest = manifest;
        _extracted = extracted;
    }

    public string Folder { get; }

    public BundleManifest Manifest { get; }

    /// <summary>Opens a bundle folder or ZIP and checks every file's SHA-256.</summary>
    public static BundleSource Open(string path)
    {
        string? extracted = null;
        var folder = path;
        if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            extracted = Path.Combine(Path.GetTempPath(), "aepaint-bundle-" + Guid.NewGuid().ToString("N")[..12]);
            try
            {
                ZipFile.ExtractToDirectory(path, extracted);
            }
            catch (InvalidDataException e)
            {
                Directory.Delete(extracted, recursive: true);
                throw new InstallerException($"{path}: not a readable ZIP ({e.Message})", e);
            }

            folder = extracted;
        }

        var manifestPath = Path.Combine(folder, BundleManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            Cleanup(extracted);
            throw new InstallerException($"{path}: not an AePaint bundle (no {BundleManifest.FileName}); give --from <bundle folder or .zip>");
        }

        var fs = new RealFileSystem();
        var manifest = ManifestJson.Read<BundleManifest>(fs, manifestPath);
        var damaged = manifest.Components.SelectMany(c => c.Files.Select(f => f.Check(fs, Path.Combine(folder, c.Folder)))).OfType<string>().ToArray();
        if (damaged.Length > 0)
        {
            Cleanup(extracted);
            throw new InstallerException($"{path}: the bundle is damaged ({string.Join("; ", damaged.Take(5))}); download or build it again");
        }

        return new BundleSource(folder, manifest, extracted);
    }

    /// <summary>The component's files with their full paths in the bundle.</summary>
    public IReadOnlyList<(string Source, FileEntry Entry)> Files(BundleComponent component) =>
        component.Files.Select(f => (f.Under(Path.Combine(Folder, component.Folder)), f)).ToArray();

    public void Dispose() => Cleanup(_extracted);

    private static void Cleanup(string? extracted)
    {
        if (extracted != null && Directory.Exists(extracted))
        {
            Directory.Delete(extracted, recursive: true);
        }
    }
}
