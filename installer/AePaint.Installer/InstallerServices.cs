using AePaint.Installer.Platform;

namespace AePaint.Installer;

/// <summary>The machine as the commands see it; tests pass a temporary tree, a faulty file system or a "Paint.NET is running" probe.</summary>
public sealed record InstallerServices(InstallEnvironment Environment, IInstallFileSystem FileSystem, IProcessProbe Processes)
{
    public static InstallerServices System() => new(InstallEnvironment.FromSystem(), new RealFileSystem(), new SystemProcessProbe());
}
