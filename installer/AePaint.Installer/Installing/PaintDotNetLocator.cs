using AePaint.Installer.Platform;

namespace AePaint.Installer.Installing;

/// <summary>Finds Paint.NET from the environment's folders (pure: tests hand it a temporary tree).</summary>
public sealed class PaintDotNetLocator(InstallEnvironment env, IInstallFileSystem fs)
{
    /// <summary>The Store package's folder name starts with this (package family dotPDNLLC.paint.net_…).</summary>
    public const string StorePackagePrefix = "dotPDNLLC.paint.net";

    /// <summary>%ProgramFiles%\paint.net when it holds Paint.NET.</summary>
    public string? ClassicFolder =>
        env.ProgramFiles is { } pf && Path.Combine(pf, "paint.net") is var dir && LooksLikePaintDotNet(dir) ? dir : null;

    public bool StoreInstalled
    {
        get
        {
            var packages = Path.Combine(env.LocalAppData, "Packages");
            return fs.DirectoryExists(packages) && fs.EnumerateDirectories(packages)
                .Any(d => Path.GetFileName(d).StartsWith(StorePackagePrefix, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The folder to install into: --pdn, else --user, else Classic, else the Store edition's.</summary>
    public PluginTarget ForInstall(string? pdn, bool user)
    {
        if (pdn != null)
        {
            return Portable(pdn);
        }

        if (user)
        {
            return PerUser(StoreInstalled ? PdnLayout.Store : PdnLayout.PerUser);
        }

        if (ClassicFolder is { } classic)
        {
            return new PluginTarget(PdnLayout.Classic, Path.Combine(classic, "Effects"));
        }

        if (StoreInstalled)
        {
            return PerUser(PdnLayout.Store);
        }

        var looked = env.ProgramFiles is { } p ? $"{Path.Combine(p, "paint.net")} and " : string.Empty;
        throw new InstallerException(
            $"Paint.NET was not found (looked for {looked}the Microsoft Store edition's {Path.Combine(env.LocalAppData, "Packages", StorePackagePrefix)}_*). " +
            "For a portable Paint.NET give --pdn <its folder>; to install for this user only give --user.");
    }

    /// <summary>Where an install of ours may be: --pdn's folder, --user's, or every standard place (for uninstall and verify).</summary>
    public IReadOnlyList<PluginTarget> Candidates(string? pdn, bool user)
    {
        if (pdn != null)
        {
            return [Portable(pdn)];
        }

        var list = new List<PluginTarget>();
        if (!user && env.ProgramFiles is { } pf)
        {
            list.Add(new PluginTarget(PdnLayout.Classic, Path.Combine(pf, "paint.net", "Effects")));
        }

        list.Add(PerUser(StoreInstalled ? PdnLayout.Store : PdnLayout.PerUser));
        return list;
    }

    private PluginTarget PerUser(PdnLayout layout) => new(layout, Path.Combine(env.PerUserPdnFolder, "Effects"));

    private PluginTarget Portable(string pdn)
    {
        var folder = Path.GetFullPath(pdn);
        if (!fs.DirectoryExists(folder))
        {
            throw new InstallerException($"--pdn {pdn}: folder not found");
        }

        if (!LooksLikePaintDotNet(folder))
        {
            throw new InstallerException($"--pdn {pdn}: no paintdotnet.exe there; give the folder that holds Paint.NET (its Effects folder is inside it)");
        }

        return new PluginTarget(PdnLayout.Portable, Path.Combine(folder, "Effects"));
    }

    // Paint.NET 4 and 5 ship paintdotnet.exe (Windows paths are case-insensitive; test trees use this spelling).
    private bool LooksLikePaintDotNet(string folder) => fs.FileExists(Path.Combine(folder, "paintdotnet.exe"));
}
