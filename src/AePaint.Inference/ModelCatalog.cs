using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>
/// Finds models in the models folders: beside the executable or plugin, the repository's <c>models/</c>,
/// and a per-user folder for models the photographer trains (kept across upgrades).
/// </summary>
public sealed class ModelCatalog
{
    public ModelCatalog(IEnumerable<string> folders)
    {
        Folders = folders.Select(System.IO.Path.GetFullPath).Distinct().ToArray();
    }

    public IReadOnlyList<string> Folders { get; }

    /// <summary>Per-user models folder: %LOCALAPPDATA%\AePaint\models on Windows, ~/.local/share/AePaint/models on Linux.</summary>
    public static string UserFolder => UserFolderUnder(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));

    /// <summary>The per-user models folder below a given local-application-data folder (the installer passes its own).</summary>
    public static string UserFolderUnder(string localAppData) => System.IO.Path.Combine(localAppData, "AePaint", "models");

    /// <summary>The standard folders, first match wins: beside the app, the repository checkout, then the user's.</summary>
    public static ModelCatalog Default(string? appDirectory = null)
    {
        var folders = new List<string> { System.IO.Path.Combine(appDirectory ?? AppContext.BaseDirectory, "models") };
        var repo = FindRepoModels(Environment.CurrentDirectory) ?? FindRepoModels(AppContext.BaseDirectory);
        if (repo != null)
        {
            folders.Add(repo);
        }

        folders.Add(UserFolder);
        return new ModelCatalog(folders);
    }

    /// <summary>
    /// Every .onnx in the folders with its card, read from the file without ONNX Runtime (cheap, and a broken runtime
    /// cannot break a dialog); the graph is checked against the card when a session is opened.
    /// </summary>
    public IReadOnlyList<CatalogEntry> List()
    {
        var entries = new List<CatalogEntry>();
        foreach (var (path, _) in Files().Where(f => f.FoundFirst is null))
        {
            try
            {
                entries.Add(new CatalogEntry(path, ModelCardFile.Read(path).Card, null));
            }
            catch (ModelLoadException e)
            {
                entries.Add(new CatalogEntry(path, null, e.Problem));
            }
        }

        return entries;
    }

    /// <summary>
    /// The .onnx files that <see cref="List"/> and <see cref="Find"/> pass over because an earlier folder has a model of
    /// the same file name (a shipped model wins over a user's of the same name), each with the one found first.
    /// </summary>
    public IReadOnlyList<HiddenModel> Hidden() =>
        Files().Where(f => f.FoundFirst is not null).Select(f => new HiddenModel(f.Path, f.FoundFirst!)).ToArray();

    /// <summary>
    /// Resolves what the user typed: an existing file path, else a model name (card name or file name
    /// without .onnx) in the folders. Throws with the folders searched when nothing matches.
    /// </summary>
    public string Resolve(string nameOrPath) =>
        Find(nameOrPath) ?? throw new ModelLoadException(nameOrPath, IsPath(nameOrPath) ? "model file not found" : $"no model of that name in {string.Join(", ", Folders)}");

    /// <summary>As <see cref="Resolve"/>, null when nothing matches (e.g. whether the Best model of a pair is installed).</summary>
    public string? Find(string nameOrPath)
    {
        if (File.Exists(nameOrPath))
        {
            return System.IO.Path.GetFullPath(nameOrPath);
        }

        if (IsPath(nameOrPath))
        {
            return null;
        }

        foreach (var folder in Folders.Where(Directory.Exists))
        {
            var direct = System.IO.Path.Combine(folder, nameOrPath + ".onnx");
            if (File.Exists(direct))
            {
                return direct;
            }
        }

        var byCard = List().FirstOrDefault(e => string.Equals(e.Card?.Name, nameOrPath, StringComparison.OrdinalIgnoreCase));
        return byCard?.Path;
    }

    /// <summary>Every .onnx of the folders in search order; FoundFirst names an earlier one of the same file name, which wins.</summary>
    private IEnumerable<(string Path, string? FoundFirst)> Files()
    {
        var first = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in Folders.Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.onnx").Order(StringComparer.Ordinal))
            {
                yield return (path, first.TryAdd(System.IO.Path.GetFileName(path), path) ? null : first[System.IO.Path.GetFileName(path)]);
            }
        }
    }

    private static bool IsPath(string nameOrPath) =>
        nameOrPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains(System.IO.Path.DirectorySeparatorChar) || nameOrPath.Contains('/');

    private static string? FindRepoModels(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AePaintPlugin.sln")))
            {
                var models = System.IO.Path.Combine(dir.FullName, "models");
                return Directory.Exists(models) ? models : null;
            }
        }

        return null;
    }
}
