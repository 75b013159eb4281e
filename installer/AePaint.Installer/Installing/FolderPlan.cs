using AePaint.Installer.Platform;

namespace AePaint.Installer.Installing;

/// <summary>
/// What installing one component into one folder means: the bundle's files, the manifest to write, the files
/// already there that are not ours (kept as they are), and whether the folder is already exactly this.
/// </summary>
/// <param name="Foreign">Paths (relative) of files in the folder that are not ours: ones no install of ours wrote, e.g. models the user dropped there, and models of ours the user changed that this version no longer ships.</param>
internal sealed record FolderPlan(string Folder, IReadOnlyList<(string Source, FileEntry Entry)> Files, InstallManifest Manifest, InstallManifest? Previous, IReadOnlyList<string> Foreign)
{
    public static FolderPlan Make(IInstallFileSystem fs, BundleSource bundle, BundleComponent component, string folder)
    {
        StagedFolder.Recover(fs, folder);
        var previous = fs.DirectoryExists(folder) ? ManifestJson.ReadInstall(fs, folder) : null;
        var existing = fs.DirectoryExists(folder) ? fs.EnumerateFiles(folder).Select(f => Relative(folder, f)).ToArray() : [];
        if (previous is null && existing.Length > 0)
        {
            throw new InstallerException(
                $"{folder} already exists but was not installed by aepaint-install (it has no {InstallManifest.FileName}). " +
                "Move it out of the way first; put any models of your own in the per-user models folder with `aepaint models install <file.onnx>`.");
        }

        var incoming = new HashSet<string>(component.Files.Select(f => f.Path), StringComparer.OrdinalIgnoreCase);
        if ((previous?.Files ?? []).FirstOrDefault(f => IsModel(f.Path) && incoming.Contains(f.Path) && Changed(fs, folder, f)) is { } mine)
        {
            throw new InstallerException(
                $"{mine.Under(folder)} has changed since AePaint installed it (a model of yours under our name?) and this version ships a new file of that name; " +
                "move yours elsewhere (`aepaint models install <file.onnx>` puts your models in the per-user folder) and install again");
        }

        var ours = new HashSet<string>((previous?.Files ?? []).Where(f => !ChangedModelNoLongerShipped(fs, folder, f, incoming)).Select(f => f.Path), StringComparer.OrdinalIgnoreCase) { InstallManifest.FileName };
        var foreign = existing.Where(p => !ours.Contains(p)).Order(StringComparer.Ordinal).ToArray();
        if (foreign.FirstOrDefault(incoming.Contains) is { } clash)
        {
            throw new InstallerException($"{Path.Combine(folder, clash)} is not ours but this version ships a file of that name; move your file elsewhere and install again");
        }

        var m = bundle.Manifest;
        var manifest = new InstallManifest
        {
            Component = component.Name,
            Version = m.Version,
            Rid = m.Rid,
            OnnxRuntime = component.Name == "plugin" ? m.OnnxRuntime : null,
            PaintDotNetApi = component.Name == "plugin" ? m.PaintDotNetApi : null,
            CreatedFolders = previous?.CreatedFolders ?? [],
            Files = component.Files,
        };
        return new FolderPlan(folder, bundle.Files(component), manifest, previous, foreign);
    }

    /// <summary>True when the folder already holds exactly this version's files, unchanged: installing again changes nothing.</summary>
    public bool UpToDate(IInstallFileSystem fs) =>
        Previous != null
        && ManifestJson.Serialize(Previous) == ManifestJson.Serialize(Manifest)
        && Manifest.Files.All(f => f.Check(fs, Folder) is null);

    /// <summary>Fills the staging folder: our files, the foreign files carried over, the manifest; then checks the copies.</summary>
    public void Stage(IInstallFileSystem fs, StagedFolder staged)
    {
        fs.CreateDirectory(staged.Staging);
        foreach (var (source, entry) in Files)
        {
            Copy(fs, source, entry.Under(staged.Staging));
        }

        foreach (var path in Foreign)
        {
            var entry = new FileEntry(path, string.Empty, 0);
            Copy(fs, entry.Under(Folder), entry.Under(staged.Staging));
        }

        var manifest = Manifest with { CreatedFolders = [.. Manifest.CreatedFolders.Union(staged.CreatedParents)] };
        fs.WriteAllText(Path.Combine(staged.Staging, InstallManifest.FileName), ManifestJson.Serialize(manifest));
        var bad = Manifest.Files.Select(f => f.Check(fs, staged.Staging)).OfType<string>().FirstOrDefault();
        if (bad != null)
        {
            throw new IOException($"copy check failed in {staged.Staging}: {bad}");
        }
    }

    /// <summary>
    /// A model file we installed that has changed since (say, replaced by a model of your own under the old name) and
    /// that this version no longer ships: it is yours now, kept as uninstall keeps it, not deleted unseen. Only under
    /// models/: a changed program file left behind could be loaded by Paint.NET beside the new plugin.
    /// </summary>
    private static bool ChangedModelNoLongerShipped(IInstallFileSystem fs, string folder, FileEntry f, HashSet<string> incoming) =>
        f.Path.StartsWith("models/", StringComparison.OrdinalIgnoreCase) && !incoming.Contains(f.Path) && Changed(fs, folder, f);

    /// <summary>
    /// A model (.onnx) of ours: one the user changed is theirs and is never overwritten. Cards are not models: a changed
    /// card shipped again is replaced, so an old card never describes a new model of its name.
    /// </summary>
    private static bool IsModel(string path) =>
        path.StartsWith("models/", StringComparison.OrdinalIgnoreCase) && path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    private static bool Changed(IInstallFileSystem fs, string folder, FileEntry f) => fs.FileExists(f.Under(folder)) && f.Check(fs, folder) is not null;

    private static void Copy(IInstallFileSystem fs, string source, string destination)
    {
        fs.CreateDirectory(Path.GetDirectoryName(destination)!);
        fs.CopyFile(source, destination);
    }

    private static string Relative(string folder, string file) => Path.GetRelativePath(folder, file).Replace('\\', '/');
}
