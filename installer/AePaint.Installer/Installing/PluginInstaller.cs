using AePaint.Inference;
using AePaint.Imaging.Files;
using AePaint.Installer.Platform;

namespace AePaint.Installer.Installing;

/// <summary>
/// install / uninstall / verify. All decisions are here; the machine is reached only through the environment's
/// folders, <see cref="IInstallFileSystem"/> and <see cref="IProcessProbe"/>, so tests run every path on Linux.
/// </summary>
public sealed class PluginInstaller(InstallEnvironment env, IInstallFileSystem fs, IProcessProbe processes, TextWriter log)
{
    public static readonly string[] OptionalComponents = ["cli", "trainer"];

    public PaintDotNetLocator Locator { get; } = new(env, fs);

    /// <summary>Installs the plugin (and the optional components asked for) atomically; returns the plugin target.</summary>
    public PluginTarget Install(BundleSource bundle, string? pdn, bool user, IReadOnlyCollection<string> optional)
    {
        RefuseWhileRunning("install");
        var target = Locator.ForInstall(pdn, user);
        var units = new List<(BundleComponent Component, string Folder)>
        {
            (bundle.Manifest.Component("plugin") ?? throw new InstallerException("the bundle has no plugin component"), target.PluginFolder),
        };
        foreach (var name in optional)
        {
            var component = bundle.Manifest.Component(name) ?? throw new InstallerException($"--{name}: this bundle does not contain the {name} (bundle it with `bundle --{name} <folder>`)");
            units.Add((component, env.ComponentFolder(name)));
        }

        if (bundle.Manifest.PaintDotNetApi != "Paint.NET")
        {
            log.WriteLine($"warning: this bundle's plugin was compiled against the {bundle.Manifest.PaintDotNetApi} Paint.NET API, not real Paint.NET assemblies: Paint.NET will not load it.");
        }

        var plans = units.Select(u => FolderPlan.Make(fs, bundle, u.Component, u.Folder)).ToList();
        var changed = plans.Where(p => !p.UpToDate(fs)).ToList();
        foreach (var p in plans.Except(changed))
        {
            log.WriteLine($"{p.Manifest.Component} {p.Manifest.Version} is already installed in {p.Folder}, unchanged.");
        }

        if (changed.Count > 0)
        {
            Apply(changed, target);
        }

        foreach (var other in Locator.Candidates(null, false).Where(t => t.PluginFolder != target.PluginFolder && HasInstall(t.PluginFolder)))
        {
            log.WriteLine($"note: AePaint is also installed for {other.Describe()}; Paint.NET may list the effects twice (uninstall one with --pdn or --user).");
        }

        log.WriteLine($"User-trained models go in {env.UserModelsFolder} (`aepaint models install <file.onnx>`); install, upgrade and uninstall never touch that folder.");
        foreach (var hidden in HiddenUserModels(target.PluginFolder))
        {
            log.WriteLine(hidden);
        }

        return target;
    }

    /// <summary>Removes exactly the files our manifests list (plugin at the chosen places, plus the optional components).</summary>
    public IReadOnlyList<string> Uninstall(string? pdn, bool user)
    {
        RefuseWhileRunning("uninstall");
        var found = Installed(pdn, user, recover: true);
        if (found.Count == 0)
        {
            log.WriteLine("Nothing to uninstall: no AePaint install found in " + string.Join(", ", Searched(pdn, user)));
            return [];
        }

        var created = new List<string>();
        foreach (var (folder, manifest) in found)
        {
            // Only folders above this install can be ones it created; anything else in an edited manifest is ignored.
            created.AddRange(manifest.CreatedFolders.Where(c => folder.StartsWith(Path.TrimEndingDirectorySeparator(c) + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
            List<string> kept;
            try
            {
                kept = RemoveOurFiles(folder, manifest);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InstallerException($"uninstall stopped in {folder}: {e.Message}. The manifest still lists what is left; run uninstall again once the cause is fixed.", e);
            }

            log.WriteLine($"Removed {manifest.Component} {manifest.Version} from {folder}" + (kept.Count > 0 ? $"; kept {kept.Count} file(s) it did not install: {string.Join(", ", kept)}" : "."));
        }

        StagedFolder.RemoveEmpty(fs, created);
        log.WriteLine($"Per-user models in {env.UserModelsFolder} were left as they are.");
        return found.Select(f => f.Folder).ToArray();
    }

    /// <summary>Checks every installed file against its manifest and loads every model's card (plugin's and the user's).</summary>
    public VerifyReport Verify(string? pdn, bool user)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        var found = Installed(pdn, user, recover: false);
        if (found.Count == 0)
        {
            return new VerifyReport([$"no AePaint install found in {string.Join(", ", Searched(pdn, user))}"], []);
        }

        foreach (var (folder, manifest) in found)
        {
            var bad = manifest.Files.Select(f => f.Check(fs, folder)).OfType<string>().Select(p => $"{folder}: {p}").ToArray();
            problems.AddRange(bad);
            var listed = new HashSet<string>(manifest.Files.Select(f => f.Path), StringComparer.OrdinalIgnoreCase) { InstallManifest.FileName };
            var extra = fs.EnumerateFiles(folder).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Where(p => !listed.Contains(p)).ToArray();
            notes.Add($"{manifest.Component} {manifest.Version} in {folder}: {manifest.Files.Count - bad.Length}/{manifest.Files.Count} files match the manifest" +
                (manifest.OnnxRuntime is { } ort ? $"; ONNX Runtime {ort.Version} {ort.Flavour}" : string.Empty) +
                (extra.Length > 0 ? $"; {extra.Length} other file(s) not ours: {string.Join(", ", extra)}" : string.Empty));
            if (manifest.PaintDotNetApi is { } api && api != "Paint.NET")
            {
                notes.Add($"warning: {folder}: plugin compiled against the {api} Paint.NET API; Paint.NET will not load it");
            }

            if (manifest.Component == "plugin")
            {
                CheckModels(Path.Combine(folder, "models"), problems, notes);
                notes.AddRange(HiddenUserModels(folder));
            }
        }

        CheckModels(env.UserModelsFolder, problems, notes);
        return new VerifyReport(problems, notes);
    }

    private void Apply(IReadOnlyList<FolderPlan> plans, PluginTarget target)
    {
        var staged = new List<StagedFolder>();
        try
        {
            foreach (var plan in plans)
            {
                var s = new StagedFolder(fs, plan.Folder);
                staged.Add(s);
                PrepareWritable(s, target);
                plan.Stage(fs, s);
            }

            foreach (var s in staged)
            {
                s.Commit();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InstallerException)
        {
            var unrestored = Enumerable.Reverse(staged).Select(s => s.Rollback()).OfType<string>().ToArray();
            var state = unrestored.Length == 0
                ? "Nothing was changed: the previous install (if any) is intact."
                : "Rollback was incomplete: " + string.Join("; ", unrestored);
            throw new InstallerException($"install failed: {e.Message} {state}", e);
        }

        foreach (var (plan, s) in plans.Zip(staged))
        {
            var from = plan.Previous is { } p ? $" (replacing {p.Version})" : string.Empty;
            log.WriteLine($"Installed {plan.Manifest.Component} {plan.Manifest.Version} into {plan.Folder}{from}" +
                (plan.Foreign.Count > 0 ? $"; kept {plan.Foreign.Count} file(s) of yours there: {string.Join(", ", plan.Foreign)}" : "."));
            if (s.Finish() is { } warning)
            {
                log.WriteLine("warning: " + warning);
            }
        }
    }

    /// <summary>Refuses, in plain words, when the folder above the target cannot be written.</summary>
    private void PrepareWritable(StagedFolder s, PluginTarget target)
    {
        var parent = Path.GetDirectoryName(s.Target)!;
        try
        {
            s.CreateParents();
            fs.ProbeWritable(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var hint = target.Layout == PdnLayout.Classic && s.Target == target.PluginFolder
                ? "Run aepaint-install from an administrator prompt, or add --user to install for this user only."
                : "Check that the folder exists and that you may write to it.";
            throw new InstallerException($"cannot write to {parent} ({e.Message}). {hint}", e);
        }
    }

    /// <summary>
    /// Deletes the manifest's files that are still exactly what install wrote (same SHA-256), the manifest last, so an
    /// interrupted uninstall can be run again. A changed file, or one reached through a link, is kept and named.
    /// </summary>
    private List<string> RemoveOurFiles(string folder, InstallManifest manifest)
    {
        var dirs = new HashSet<string>(StringComparer.Ordinal) { folder };
        foreach (var f in manifest.Files)
        {
            string path;
            try
            {
                path = f.Under(folder);
            }
            catch (FileSafetyException e)
            {
                log.WriteLine($"kept: {e.Message}");
                continue;
            }

            if (!fs.FileExists(path))
            {
                continue;
            }

            if (f.Check(fs, folder) is { } changed)
            {
                log.WriteLine($"kept {folder}: {changed}; it is not what install wrote, so it is not ours to delete");
                continue;
            }

            fs.DeleteFile(path);

            for (var d = Path.GetDirectoryName(path); d != null && d.Length > folder.Length; d = Path.GetDirectoryName(d))
            {
                dirs.Add(d);
            }
        }

        fs.DeleteFile(Path.Combine(folder, InstallManifest.FileName));
        StagedFolder.RemoveEmpty(fs, dirs);
        return fs.DirectoryExists(folder) ? fs.EnumerateFiles(folder).Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/')).ToList() : [];
    }

    private void CheckModels(string folder, List<string> problems, List<string> notes)
    {
        foreach (var (path, problem) in ModelCheck.Folder(folder))
        {
            if (problem is null)
            {
                notes.Add($"model {path}: card loads");
            }
            else
            {
                problems.Add($"model {path}: {problem}");
            }
        }
    }

    /// <summary>The plugin finds its own models first: a user model of the same file name as one it ships is never used, and said so.</summary>
    private IEnumerable<string> HiddenUserModels(string pluginFolder) =>
        new ModelCatalog([Path.Combine(pluginFolder, "models"), env.UserModelsFolder]).Hidden().Select(h => "note: " + h.Describe());

    private void RefuseWhileRunning(string what)
    {
        var running = processes.RunningPaintDotNet();
        if (running.Count > 0)
        {
            throw new InstallerException($"Paint.NET is running ({string.Join(", ", running)}): close it, then run {what} again (its plugin files are in use while it runs).");
        }
    }

    private bool HasInstall(string folder) => fs.FileExists(Path.Combine(folder, InstallManifest.FileName));

    private IEnumerable<string> Searched(string? pdn, bool user) =>
        Locator.Candidates(pdn, user).Select(t => t.PluginFolder).Concat(OptionalComponents.Select(env.ComponentFolder));

    /// <summary>The folders holding an install manifest; <paramref name="recover"/> first repairs an interrupted install.</summary>
    private List<(string Folder, InstallManifest Manifest)> Installed(string? pdn, bool user, bool recover)
    {
        var result = new List<(string, InstallManifest)>();
        foreach (var folder in Searched(pdn, user).Distinct())
        {
            if (recover)
            {
                StagedFolder.Recover(fs, folder);
            }

            if (fs.DirectoryExists(folder) && ManifestJson.ReadInstall(fs, folder) is { } m)
            {
                result.Add((folder, m));
            }
        }

        return result;
    }
}
