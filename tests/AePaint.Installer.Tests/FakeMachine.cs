using System.Security.Cryptography;
using AePaint.Installer;
using AePaint.Installer.Installing;
using AePaint.Installer.Platform;
using AePaint.TestSupport;

namespace AePaint.Installer.Tests;

/// <summary>A temporary folder tree laid out like a Windows machine with Paint.NET installed one way.</summary>
internal sealed class FakeMachine : IDisposable
{
    private readonly TempDir _root = new();

    public FakeMachine(PdnLayout layout)
    {
        Layout = layout;
        Environment = new InstallEnvironment
        {
            ProgramFiles = Dir("Program Files"),
            Documents = Dir("Users", "me", "Documents"),
            LocalAppData = Dir("Users", "me", "AppData", "Local"),
        };
        switch (layout)
        {
            case PdnLayout.Classic or PdnLayout.PerUser:
                PaintDotNet(Path.Combine(Environment.ProgramFiles!, "paint.net"));
                break;
            case PdnLayout.Store:
                // The Store edition runs from WindowsApps (not writable); what we see is its package data folder.
                Dir("Users", "me", "AppData", "Local", "Packages", "dotPDNLLC.paint.net_h55e3w7q8jbva", "LocalState");
                break;
            case PdnLayout.Portable:
                PaintDotNet(PortableFolder);
                break;
        }

        // Something unrelated already in Documents and LocalAppData: it must come through untouched.
        File.WriteAllText(Path.Combine(Environment.Documents, "holiday.pdn"), "a picture");
    }

    public PdnLayout Layout { get; }

    public string Root => _root.Path;

    public InstallEnvironment Environment { get; }

    public string PortableFolder => Path.Combine(Root, "Tools", "paint.net portable");

    public FakeProcesses Processes { get; } = new();

    public FaultyFileSystem FileSystem { get; } = new();

    public InstallerServices Services => new(Environment, FileSystem, Processes);

    /// <summary>The arguments that select this layout's Paint.NET.</summary>
    public string[] TargetArgs => Layout switch
    {
        PdnLayout.Portable => ["--pdn", PortableFolder],
        PdnLayout.PerUser => ["--user"],
        _ => [],
    };

    public string EffectsFolder => Layout switch
    {
        PdnLayout.Classic => Path.Combine(Environment.ProgramFiles!, "paint.net", "Effects"),
        PdnLayout.Portable => Path.Combine(PortableFolder, "Effects"),
        _ => Path.Combine(Environment.PerUserPdnFolder, "Effects"),
    };

    public string PluginFolder => Path.Combine(EffectsFolder, "AePaint");

    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = InstallerCli.RunAsync(args, o, e, Services).GetAwaiter().GetResult();
        return (exit, o.ToString(), e.ToString());
    }

    /// <summary>Every folder and file below the root, files with their SHA-256: equal snapshots = equal trees.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
        {
            map[Path.GetRelativePath(Root, d) + "/"] = "dir";
        }

        foreach (var f in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            map[Path.GetRelativePath(Root, f)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)));
        }

        return map;
    }

    public void Dispose() => _root.Dispose();

    private static void PaintDotNet(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "Effects"));
        File.WriteAllText(Path.Combine(folder, "paintdotnet.exe"), "MZ stand-in for Paint.NET");
        File.WriteAllText(Path.Combine(folder, "Effects", "SomeoneElsesEffect.dll"), "another plugin");
    }

    private string Dir(params string[] parts) => Directory.CreateDirectory(Path.Combine([Root, .. parts])).FullName;
}

internal sealed class FakeProcesses : IProcessProbe
{
    public bool PaintDotNetRunning { get; set; }

    public IReadOnlyList<string> RunningPaintDotNet() => PaintDotNetRunning ? ["paintdotnet (pid 4242)"] : [];
}

/// <summary>
/// The real file system with failure injection: <see cref="FailWhen"/> sees each write (operation, path) and says
/// whether it fails as a denied write would. Works the same for root, where permissions stop nothing.
/// </summary>
internal sealed class FaultyFileSystem : RealFileSystem
{
    public Func<string, string, bool> FailWhen { get; set; } = (_, _) => false;

    public List<string> Writes { get; } = [];

    public override void CreateDirectory(string path) => Base("mkdir", path, () => base.CreateDirectory(path));

    public override void CopyFile(string source, string destination) => Base("copy", destination, () => base.CopyFile(source, destination));

    public override void WriteAllText(string path, string text) => Base("write", path, () => base.WriteAllText(path, text));

    public override void MoveDirectory(string source, string destination) => Base("move", source + " -> " + destination, () => base.MoveDirectory(source, destination));

    public override void DeleteFile(string path) => Base("delete", path, () => base.DeleteFile(path));

    public override void DeleteDirectory(string path) => Base("rmdir", path, () => base.DeleteDirectory(path));

    public override void ProbeWritable(string folder) => Base("probe", folder, () => base.ProbeWritable(folder));

    private void Base(string op, string path, Action action)
    {
        if (FailWhen(op, path))
        {
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied (injected).");
        }

        Writes.Add(op + " " + path);
        action();
    }
}
