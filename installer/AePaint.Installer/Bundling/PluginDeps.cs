using System.Text.Json;

namespace AePaint.Installer.Bundling;

/// <summary>
/// What the plugin needs at run time, read from its .deps.json — the same file Paint.NET's per-plugin load context
/// resolves from, so the bundle holds exactly the files it will look for (and nothing a build folder happens to hold,
/// such as the compile-only Paint.NET stand-in or other RIDs' native libraries).
/// </summary>
public sealed record PluginDeps(string Version, string? BuildRid, IReadOnlyList<string> Assets, string OrtPackage, string? OrtVersion)
{
    public const string PluginDll = "AePaint.PaintDotNet.dll";
    public const string DepsFile = "AePaint.PaintDotNet.deps.json";

    public string OrtFlavour => OrtPackage.EndsWith(".DirectML", StringComparison.OrdinalIgnoreCase) ? "DirectML" : "CPU";

    /// <summary>Reads <paramref name="depsPath"/> and lists the assets (paths relative to the build folder) for <paramref name="rid"/>.</summary>
    public static PluginDeps Read(string depsPath, string rid)
    {
        try
        {
            return ReadUnchecked(depsPath, rid);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw new InstallerException($"{depsPath}: not a .deps.json this installer understands ({e.Message})", e);
        }
    }

    private static PluginDeps ReadUnchecked(string depsPath, string rid)
    {
        using var doc = ParseFile(depsPath);
        var root = doc.RootElement;
        var targetName = root.GetProperty("runtimeTarget").GetProperty("name").GetString()
            ?? throw new InstallerException($"{depsPath}: no runtimeTarget");
        int slash = targetName.IndexOf('/', StringComparison.Ordinal);
        string? buildRid = slash < 0 ? null : targetName[(slash + 1)..];
        if (buildRid != null && !string.Equals(buildRid, rid, StringComparison.OrdinalIgnoreCase))
        {
            throw new InstallerException($"{depsPath}: the plugin was built for {buildRid}, not {rid}; pass --rid {buildRid} or rebuild with -r {rid}");
        }

        var assets = new List<string>();
        string? version = null, ortPackage = null, ortVersion = null;
        foreach (var library in root.GetProperty("targets").GetProperty(targetName).EnumerateObject())
        {
            var (name, libVersion) = SplitKey(library.Name);
            if (name == "AePaint.PaintDotNet")
            {
                version = libVersion;
            }

            if (name.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".Managed", StringComparison.OrdinalIgnoreCase))
            {
                (ortPackage, ortVersion) = (name, libVersion);
            }

            // Non-RID assets sit at the build folder's root under their file name; satellite resources keep their culture folder.
            assets.AddRange(Keys(library.Value, "runtime").Concat(Keys(library.Value, "native")).Select(Path.GetFileName).OfType<string>());
            assets.AddRange(Keys(library.Value, "resources"));
            assets.AddRange(BestRuntimeTargets(library.Value, rid));
        }

        if (version is null)
        {
            throw new InstallerException($"{depsPath}: not the deps file of AePaint.PaintDotNet");
        }

        return new PluginDeps(version, buildRid, [PluginDll, DepsFile, .. assets.Distinct(StringComparer.Ordinal)],
            ortPackage ?? throw new InstallerException($"{depsPath}: the plugin does not depend on ONNX Runtime"), ortVersion);
    }

    /// <summary>The RIDs an asset for <paramref name="rid"/> may come from, most specific first (the host's fallback order).</summary>
    public static IReadOnlyList<string> FallbackChain(string rid)
    {
        int dash = rid.IndexOf('-', StringComparison.Ordinal);
        var os = dash < 0 ? rid : rid[..dash];
        var chain = new List<string> { rid };
        if (os != rid)
        {
            chain.Add(os);
        }

        if (os is "linux" or "osx")
        {
            chain.Add("unix");
        }

        chain.Add("any");
        return chain;
    }

    /// <summary>The file name of ONNX Runtime's native library on <paramref name="rid"/>.</summary>
    public static string OrtNativeName(string rid) =>
        rid.StartsWith("win", StringComparison.OrdinalIgnoreCase) ? "onnxruntime.dll"
        : rid.StartsWith("osx", StringComparison.OrdinalIgnoreCase) ? "libonnxruntime.dylib"
        : "libonnxruntime.so";

    private static IEnumerable<string> BestRuntimeTargets(JsonElement library, string rid)
    {
        if (!library.TryGetProperty("runtimeTargets", out var targets))
        {
            return [];
        }

        var byRid = targets.EnumerateObject()
            .Select(t => (Path: t.Name, Rid: t.Value.TryGetProperty("rid", out var r) ? r.GetString() : null))
            .ToLookup(t => t.Rid ?? string.Empty, t => t.Path, StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in FallbackChain(rid))
        {
            if (byRid.Contains(candidate))
            {
                return byRid[candidate];
            }
        }

        return [];
    }

    private static IEnumerable<string> Keys(JsonElement library, string section) =>
        library.TryGetProperty(section, out var s) ? s.EnumerateObject().Select(p => p.Name).ToArray() : [];

    private static (string Name, string Version) SplitKey(string key)
    {
        int slash = key.LastIndexOf('/');
        return slash < 0 ? (key, string.Empty) : (key[..slash], key[(slash + 1)..]);
    }

    private static JsonDocument ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InstallerException($"{path} not found: give the plugin's build folder (bin/Release/net9.0-windows[/<rid>])");
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InstallerException($"{path}: not valid JSON ({e.Message})", e);
        }
    }
}
