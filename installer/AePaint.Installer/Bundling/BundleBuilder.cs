using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using AePaint.Inference.Cards;
using AePaint.Installer.Platform;

namespace AePaint.Installer.Bundling;

/// <summary>
/// Makes the release bundle: AePaint\ (plugin, ONNX Runtime managed + native for one RID, DirectML.dll beside
/// onnxruntime.dll in the DirectML build, models\ with cards), optional cli\ and trainer\, aepaint-bundle.json with
/// SHA-256 of every file; then a ZIP of it and a sha256sum-style checksum of the ZIP.
/// </summary>
public static class BundleBuilder
{
    public const string PluginFolder = "AePaint";

    public static BundleResult Build(BundleOptions o)
    {
        var warnings = new List<string>();
        var deps = PluginDeps.Read(Path.Combine(o.PluginOutput, PluginDeps.DepsFile), o.Rid);
        if (o.ExpectOrt is { } want && !string.Equals(want, deps.OrtFlavour, StringComparison.OrdinalIgnoreCase))
        {
            throw new InstallerException($"--ort {want}: the plugin build uses {deps.OrtPackage} ({deps.OrtFlavour}); rebuild it{(want.Equals("directml", StringComparison.OrdinalIgnoreCase) ? " with -p:AePaintGpu=DirectML on Windows" : " without -p:AePaintGpu")}");
        }

        var name = $"AePaint-{deps.Version}-{o.Rid}";
        var folder = Path.GetFullPath(Path.Combine(o.OutputFolder, name));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var plugin = Path.Combine(folder, PluginFolder);
        var ort = CopyPlugin(o, deps, plugin);
        var api = PaintDotNetApi(Path.Combine(plugin, PluginDeps.PluginDll));
        if (api != "Paint.NET")
        {
            warnings.Add($"the plugin was compiled against {(api == "stand-in" ? "the compile-only Paint.NET stand-in" : "no recognisable Paint.NET assemblies")}: Paint.NET will not load it. Release bundles are built on Windows with -p:PdnDir=<Paint.NET folder> (see README).");
        }

        CopyModels(o.ModelsFolder, Path.Combine(plugin, "models"));
        var fs = new RealFileSystem();
        var components = new List<BundleComponent> { Component(fs, "plugin", PluginFolder, plugin) };
        foreach (var (component, source) in new[] { ("cli", o.CliFolder), ("trainer", o.TrainerFolder) })
        {
            if (source != null)
            {
                CopyTree(source, Path.Combine(folder, component));
                components.Add(Component(fs, component, component, Path.Combine(folder, component)));
            }
        }

        if (o.InstallerFolder != null)
        {
            var files = Directory.EnumerateFiles(o.InstallerFolder, "*", SearchOption.AllDirectories).ToArray();
            var clash = files.Select(f => Path.GetRelativePath(o.InstallerFolder, f)).FirstOrDefault(r => r.Split('/', '\\')[0] is PluginFolder or "cli" or "trainer" or BundleManifest.FileName);
            if (clash != null)
            {
                throw new InstallerException($"--installer {o.InstallerFolder}: its {clash} would collide with the bundle's own folders");
            }

            CopyTree(o.InstallerFolder, folder);
            components.Add(new BundleComponent("installer", string.Empty, files.Select(f => FileEntry.Of(fs, f, Path.GetRelativePath(o.InstallerFolder, f))).Order(EntryOrder).ToArray()));
        }

        var manifest = new BundleManifest { Version = deps.Version, Rid = o.Rid, OnnxRuntime = ort, PaintDotNetApi = api, Components = components };
        File.WriteAllText(Path.Combine(folder, BundleManifest.FileName), ManifestJson.Serialize(manifest));

        var zip = Path.Combine(Path.GetFullPath(o.OutputFolder), name + ".zip");
        File.Delete(zip);
        ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
        var checksum = zip + ".sha256";
        using (var s = File.OpenRead(zip))
        {
            File.WriteAllText(checksum, $"{Convert.ToHexStringLower(SHA256.HashData(s))}  {Path.GetFileName(zip)}\n");
        }

        return new BundleResult(folder, zip, checksum, manifest, warnings);
    }

    internal static IComparer<FileEntry> EntryOrder { get; } = Comparer<FileEntry>.Create((a, b) => string.CompareOrdinal(a.Path, b.Path));

    /// <summary>Copies the deps-listed files; returns which ONNX Runtime went in.</summary>
    private static OnnxRuntimeInfo CopyPlugin(BundleOptions o, PluginDeps deps, string plugin)
    {
        foreach (var asset in deps.Assets)
        {
            var file = Path.GetFileName(asset);
            if (file.StartsWith("PaintDotNet.", StringComparison.OrdinalIgnoreCase))
            {
                throw new InstallerException($"{asset}: Paint.NET's own assemblies must never be shipped (reference them with Private=false)");
            }

            var source = Path.Combine(o.PluginOutput, asset);
            if (!File.Exists(source))
            {
                throw new InstallerException($"{source}: listed in {PluginDeps.DepsFile} but missing from the build folder; rebuild the plugin");
            }

            CopyFile(source, Path.Combine(plugin, asset));
        }

        var nativeName = PluginDeps.OrtNativeName(o.Rid);
        var native = deps.Assets.FirstOrDefault(a => string.Equals(Path.GetFileName(a), nativeName, StringComparison.OrdinalIgnoreCase))
            ?? throw new InstallerException($"the plugin build has no {nativeName} for {o.Rid}: ONNX Runtime's native library is missing");
        if (deps.OrtFlavour == "DirectML")
        {
            // onnxruntime.dll loads DirectML.dll from its own folder first; without a local copy it picks up an old system one and fails.
            var beside = Path.Combine(Path.GetDirectoryName(native) ?? string.Empty, "DirectML.dll");
            var found = new[] { beside, "DirectML.dll", $"runtimes/{o.Rid}/native/DirectML.dll" }
                .Concat(deps.Assets.Where(a => Path.GetFileName(a).Equals("DirectML.dll", StringComparison.OrdinalIgnoreCase)))
                .Select(p => Path.Combine(o.PluginOutput, p)).FirstOrDefault(File.Exists)
                ?? throw new InstallerException($"{deps.OrtPackage} build without DirectML.dll in {o.PluginOutput}: it must ship beside {nativeName}");
            var target = Path.Combine(plugin, beside);
            if (!File.Exists(target))
            {
                CopyFile(found, target);
            }
        }

        return new OnnxRuntimeInfo(deps.OrtFlavour, deps.OrtVersion, $"{PluginFolder}/{native.Replace('\\', '/')}");
    }

    private static void CopyModels(string source, string target)
    {
        var models = Directory.Exists(source) ? Directory.GetFiles(source, "*.onnx").Order(StringComparer.Ordinal).ToArray() : [];
        if (models.Length == 0)
        {
            throw new InstallerException($"no .onnx models in {source}: the plugin is useless without one (give --models <folder>)");
        }

        foreach (var model in models)
        {
            if (ModelCheck.Problem(model) is { } problem)
            {
                throw new InstallerException($"{model}: {problem}");
            }

            CopyFile(model, Path.Combine(target, Path.GetFileName(model)));
            var card = ModelCardJson.SidecarPath(model);
            if (File.Exists(card))
            {
                CopyFile(card, Path.Combine(target, Path.GetFileName(card)));
            }
        }
    }

    /// <summary>The assembly version of src/PaintDotNet.StandIn/* (same names as Paint.NET's DLLs, whose versions are 5.x).</summary>
    private static readonly Version StandInVersion = new(0, 0, 0, 1);

    /// <summary>"Paint.NET", "stand-in" or "unknown": which assemblies the plugin DLL references.</summary>
    internal static string PaintDotNetApi(string pluginDll)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(pluginDll));
            var md = pe.GetMetadataReader();
            var pdn = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h))
                .Select(r => (Name: md.GetString(r.Name), r.Version))
                .Where(r => r.Name.StartsWith("PaintDotNet.", StringComparison.Ordinal))
                .ToArray();
            return pdn.Length == 0 ? "unknown"
                : pdn.Any(r => r.Name == "PaintDotNet.StandIn" || r.Version == StandInVersion) ? "stand-in"
                : "Paint.NET";
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            return "unknown";
        }
    }

    private static BundleComponent Component(IInstallFileSystem fs, string name, string relative, string folder) =>
        new(name, relative, fs.EnumerateFiles(folder).Select(f => FileEntry.Of(fs, f, Path.GetRelativePath(folder, f))).Order(EntryOrder).ToArray());

    private static void CopyTree(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            throw new InstallerException($"{source}: folder not found");
        }

        foreach (var f in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            CopyFile(f, Path.Combine(target, Path.GetRelativePath(source, f)));
        }
    }

    private static void CopyFile(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
    }
}
