using AePaint.Installer.Bundling;
using AePaint.Installer.Installing;
using AePaint.TestSupport;

namespace AePaint.Installer.Tests;

/// <summary>bundle → install → verify → install again → uninstall through the command line, for every Paint.NET layout.</summary>
public sealed class InstallLayoutTests : IDisposable
{
    private readonly TempDir _dir = new();

    public static TheoryData<PdnLayout> Layouts => [PdnLayout.Classic, PdnLayout.Store, PdnLayout.PerUser, PdnLayout.Portable];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void BundleInstallVerifyUninstallLeavesTheMachineAsItWas(PdnLayout layout)
    {
        using var machine = new FakeMachine(layout);
        var zip = Bundle(machine, "0.1.0");
        var before = machine.Snapshot();

        var install = machine.Run(["install", "--from", zip, .. machine.TargetArgs]);
        Assert.True(install.Exit == 0, install.Err);
        Assert.Contains("Installed plugin 0.1.0 into " + machine.PluginFolder, install.Out);
        Assert.True(File.Exists(Path.Combine(machine.PluginFolder, "AePaint.PaintDotNet.dll")));
        Assert.True(File.Exists(Path.Combine(machine.PluginFolder, "runtimes", "win-x64", "native", "onnxruntime.dll")));
        Assert.True(File.Exists(Path.Combine(machine.PluginFolder, "models", "box1.onnx")));
        var manifest = ManifestJson.ReadInstall(machine.FileSystem, machine.PluginFolder)!;
        Assert.Equal("CPU", manifest.OnnxRuntime!.Flavour);
        Assert.Equal(10, manifest.Files.Count);
        Assert.Empty(Directory.GetDirectories(machine.EffectsFolder, ".AePaint.*"));

        var verify = machine.Run(["verify", .. machine.TargetArgs]);
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        Assert.Contains("10/10 files match", verify.Out);
        Assert.Contains("box1.onnx: card loads", verify.Out);
        Assert.Contains("shuffle2.onnx: card loads", verify.Out);
        Assert.EndsWith("verify: OK", verify.Out.Trim());

        // Installing twice equals installing once.
        var once = machine.Snapshot();
        var again = machine.Run(["install", "--from", zip, .. machine.TargetArgs]);
        Assert.True(again.Exit == 0, again.Err);
        Assert.Contains("already installed", again.Out);
        Assert.Equal(once, machine.Snapshot());

        var uninstall = machine.Run(["uninstall", .. machine.TargetArgs]);
        Assert.True(uninstall.Exit == 0, uninstall.Err);
        Assert.Equal(before, machine.Snapshot());
        Assert.Contains("Nothing to uninstall", machine.Run(["uninstall", .. machine.TargetArgs]).Out);
        Assert.Contains("no AePaint install found", machine.Run(["verify", .. machine.TargetArgs]).Err);
    }

    [Fact]
    public void StoreLayoutGoesToDocumentsAndNeedsNoProgramFiles()
    {
        using var machine = new FakeMachine(PdnLayout.Store);
        var (exit, output, err) = machine.Run("install", "--from", Bundle(machine, "0.1.0"));
        Assert.True(exit == 0, err);
        Assert.Contains("Microsoft Store", output);
        Assert.StartsWith(machine.Environment.Documents, machine.PluginFolder, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(machine.PluginFolder, InstallManifest.FileName)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(machine.Environment.ProgramFiles!));
    }

    [Fact]
    public void NoPaintDotNetAnywhereIsAClearRefusal()
    {
        using var machine = new FakeMachine(PdnLayout.Portable); // Paint.NET only in a folder nobody named
        var (exit, _, err) = machine.Run("install", "--from", Bundle(machine, "0.1.0"));
        Assert.Equal(1, exit);
        Assert.Contains("Paint.NET was not found", err);
        Assert.Contains("--pdn", err);
    }

    [Fact]
    public void PdnFolderWithoutPaintDotNetIsRefused()
    {
        using var machine = new FakeMachine(PdnLayout.Portable);
        var (exit, _, err) = machine.Run("install", "--from", Bundle(machine, "0.1.0"), "--pdn", machine.Environment.Documents);
        Assert.Equal(1, exit);
        Assert.Contains("no paintdotnet.exe there", err);
    }

    [Fact]
    public void OptionalCliAndTrainerInstallPerUserAndUninstallCleanly()
    {
        using var machine = new FakeMachine(PdnLayout.Classic);
        var zip = Bundle(machine, "0.1.0", withComponents: true);
        var before = machine.Snapshot();
        var (exit, output, err) = machine.Run("install", "--from", zip, "--cli", "--trainer");
        Assert.True(exit == 0, err);
        var cli = machine.Environment.ComponentFolder("cli");
        Assert.True(File.Exists(Path.Combine(cli, "aepaint.exe")));
        Assert.True(File.Exists(Path.Combine(machine.Environment.ComponentFolder("trainer"), "aepaint-train.exe")));
        Assert.Contains("Installed cli 0.1.0", output);

        var verify = machine.Run("verify");
        Assert.True(verify.Exit == 0, verify.Err);
        Assert.Contains("cli 0.1.0 in " + cli, verify.Out);

        Assert.Equal(0, machine.Run("uninstall").Exit);
        Assert.Equal(before, machine.Snapshot());
    }

    [Fact]
    public void AskingForAComponentTheBundleLacksIsRefused()
    {
        using var machine = new FakeMachine(PdnLayout.Classic);
        var (exit, _, err) = machine.Run("install", "--from", Bundle(machine, "0.1.0"), "--trainer");
        Assert.Equal(1, exit);
        Assert.Contains("does not contain the trainer", err);
        Assert.False(Directory.Exists(machine.PluginFolder));
    }

    [Fact]
    public void PdnAndUserTogetherAreRefused()
    {
        using var machine = new FakeMachine(PdnLayout.Portable);
        var (exit, _, err) = machine.Run("verify", "--pdn", machine.PortableFolder, "--user");
        Assert.Equal(1, exit);
        Assert.Contains("give one of them", err);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Builds a bundle ZIP (a fake plugin build of that version, real tiny models) outside the machine's tree.</summary>
    internal static string Bundle(TempDir dir, string version, bool withComponents = false, bool directMl = false)
    {
        var tag = version + (withComponents ? "-full" : string.Empty) + (directMl ? "-dml" : string.Empty);
        var o = new BundleOptions
        {
            PluginOutput = FakeBuilds.Plugin(dir.File("build-" + tag), version, directMl),
            ModelsFolder = FakeBuilds.Models(dir.File("models-" + tag)),
            OutputFolder = dir.File("dist-" + tag),
            CliFolder = withComponents ? FakeBuilds.Component(dir.File("cli-" + tag), "aepaint", version) : null,
            TrainerFolder = withComponents ? FakeBuilds.Component(dir.File("trainer-" + tag), "aepaint-train", version) : null,
        };
        return BundleBuilder.Build(o).Zip;
    }

    private string Bundle(FakeMachine machine, string version, bool withComponents = false)
    {
        Assert.NotEqual(machine.Root, _dir.Path); // the bundle lives outside the machine's tree, so snapshots see only the install
        return Bundle(_dir, version, withComponents);
    }
}
