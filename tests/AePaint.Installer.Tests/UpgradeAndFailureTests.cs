using AePaint.Installer.Installing;
using AePaint.TestSupport;

namespace AePaint.Installer.Tests;

/// <summary>Upgrades keep user models; refusals and injected failures leave the previous install exactly as it was.</summary>
public sealed class UpgradeAndFailureTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeMachine _machine = new(PdnLayout.Classic);

    private string V1 => InstallLayoutTests.Bundle(_dir, "0.1.0");

    private string V2 => InstallLayoutTests.Bundle(_dir, "0.2.0");

    [Fact]
    public void UpgradeReplacesOurFilesAndKeepsUserModels()
    {
        Install(V1);
        var userModels = Directory.CreateDirectory(_machine.Environment.UserModelsFolder).FullName;
        TestModels.BoxBlur(userModels, 3);
        var dropped = Path.Combine(_machine.PluginFolder, "models", "my-own.onnx");
        File.Copy(Path.Combine(userModels, "box3.onnx"), dropped);

        var (exit, output, err) = _machine.Run("install", "--from", V2);
        Assert.True(exit == 0, err);
        Assert.Contains("(replacing 0.1.0)", output);
        Assert.Contains("kept 1 file(s) of yours there: models/my-own.onnx", output);
        Assert.Equal("AePaint.Effects.dll 0.2.0", File.ReadAllText(Path.Combine(_machine.PluginFolder, "AePaint.Effects.dll")));
        Assert.Equal("0.2.0", ManifestJson.ReadInstall(_machine.FileSystem, _machine.PluginFolder)!.Version);
        Assert.True(File.Exists(dropped));
        Assert.True(File.Exists(Path.Combine(userModels, "box3.onnx")));

        var verify = _machine.Run("verify");
        Assert.True(verify.Exit == 0, verify.Err);
        Assert.Contains("box3.onnx: card loads", verify.Out);
        Assert.Contains("1 other file(s) not ours: models/my-own.onnx", verify.Out);

        Assert.Equal(0, _machine.Run("uninstall").Exit);
        Assert.Equal(["models/my-own.onnx"], Directory.GetFiles(_machine.PluginFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_machine.PluginFolder, f)));
        Assert.True(File.Exists(Path.Combine(userModels, "box3.onnx")));
    }

    [Fact]
    public void UpgradeRemovesOurFilesTheNewVersionNoLongerShips()
    {
        Install(InstallLayoutTests.Bundle(_dir, "0.1.0", directMl: true));
        var directMl = Path.Combine(_machine.PluginFolder, "runtimes", "win-x64", "native", "DirectML.dll");
        Assert.True(File.Exists(directMl));
        Assert.Equal("DirectML", ManifestJson.ReadInstall(_machine.FileSystem, _machine.PluginFolder)!.OnnxRuntime!.Flavour);

        Install(V2);
        Assert.False(File.Exists(directMl));
        Assert.Equal("CPU", ManifestJson.ReadInstall(_machine.FileSystem, _machine.PluginFolder)!.OnnxRuntime!.Flavour);
        Assert.Equal(0, _machine.Run("verify").Exit);
    }

    [Fact]
    public void RefusesWhilePaintDotNetRuns()
    {
        Install(V1);
        var before = _machine.Snapshot();
        _machine.Processes.PaintDotNetRunning = true;
        foreach (var args in new[] { new[] { "install", "--from", V2 }, ["uninstall"] })
        {
            var (exit, _, err) = _machine.Run(args);
            Assert.Equal(1, exit);
            Assert.Contains("Paint.NET is running (paintdotnet (pid 4242)): close it", err);
        }

        Assert.Equal(before, _machine.Snapshot());
        Assert.Equal(0, _machine.Run("verify").Exit); // reading is fine while it runs
    }

    [Fact]
    public void ReadOnlyEffectsFolderIsRefusedWithTheAdministratorHint()
    {
        var before = _machine.Snapshot();
        _machine.FileSystem.FailWhen = (op, path) => op == "probe" && path == _machine.EffectsFolder;
        var (exit, _, err) = _machine.Run("install", "--from", V1);
        Assert.Equal(1, exit);
        Assert.Contains($"cannot write to {_machine.EffectsFolder}", err);
        Assert.Contains("administrator", err);
        Assert.Contains("--user", err);
        Assert.Contains("Nothing was changed", err);
        Assert.Equal(before, _machine.Snapshot());
    }

    [Fact]
    public void UnwritablePerUserFolderIsRefused()
    {
        using var store = new FakeMachine(PdnLayout.Store);
        var before = store.Snapshot();
        store.FileSystem.FailWhen = (op, path) => op == "mkdir" && path.EndsWith("paint.net App Files", StringComparison.Ordinal);
        var (exit, _, err) = store.Run("install", "--from", V1);
        Assert.Equal(1, exit);
        Assert.Contains("cannot write to", err);
        Assert.Equal(before, store.Snapshot());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(11)]
    public void FileUnwritableMidwayRollsBackToThePreviousInstall(int failAt)
    {
        Install(V1);
        var before = _machine.Snapshot();
        int copies = 0;
        _machine.FileSystem.FailWhen = (op, _) => op is "copy" or "write" && ++copies == failAt;
        var (exit, _, err) = _machine.Run("install", "--from", V2);
        Assert.Equal(1, exit);
        Assert.Contains("Access to the path", err);
        Assert.Contains("Nothing was changed: the previous install (if any) is intact.", err);
        Assert.Equal(before, _machine.Snapshot());
        _machine.FileSystem.FailWhen = (_, _) => false;
        Assert.Equal(0, _machine.Run("verify").Exit);
    }

    [Fact]
    public void FailedSwapPutsThePreviousFolderBack()
    {
        Install(V1);
        var before = _machine.Snapshot();
        _machine.FileSystem.FailWhen = (op, path) => op == "move" && path.Contains(".staging-", StringComparison.Ordinal);
        var (exit, _, err) = _machine.Run("install", "--from", V2);
        Assert.Equal(1, exit);
        Assert.Contains("Nothing was changed", err);
        Assert.Equal(before, _machine.Snapshot());
    }

    [Fact]
    public void FailureInALaterComponentRollsBackTheCommittedPlugin()
    {
        Install(V1);
        var before = _machine.Snapshot();
        var full = InstallLayoutTests.Bundle(_dir, "0.2.0", withComponents: true);
        var cli = _machine.Environment.ComponentFolder("cli");
        _machine.FileSystem.FailWhen = (op, path) => op == "move" && path.EndsWith("-> " + cli, StringComparison.Ordinal);
        var (exit, _, err) = _machine.Run("install", "--from", full, "--cli");
        Assert.Equal(1, exit);
        Assert.Contains("Nothing was changed", err);
        Assert.Equal(before, _machine.Snapshot());
    }

    [Fact]
    public void InterruptedSwapIsRecoveredByTheNextRun()
    {
        Install(V1);
        var installed = _machine.Snapshot();
        // As if the process died between "move AePaint aside" and "move staging into place".
        var aside = Path.Combine(_machine.EffectsFolder, ".AePaint.old-deadbeef");
        Directory.Move(_machine.PluginFolder, aside);
        Directory.CreateDirectory(Path.Combine(_machine.EffectsFolder, ".AePaint.staging-deadbeef"));

        var (exit, output, err) = _machine.Run("install", "--from", V1);
        Assert.True(exit == 0, err);
        Assert.Contains("already installed", output);
        Assert.Equal(installed, _machine.Snapshot());
    }

    [Fact]
    public void FolderNotInstalledByUsIsNotOverwritten()
    {
        Directory.CreateDirectory(_machine.PluginFolder);
        File.WriteAllText(Path.Combine(_machine.PluginFolder, "AePaint.PaintDotNet.dll"), "copied by hand");
        var before = _machine.Snapshot();
        var (exit, _, err) = _machine.Run("install", "--from", V1);
        Assert.Equal(1, exit);
        Assert.Contains("was not installed by aepaint-install", err);
        Assert.Equal(before, _machine.Snapshot());
    }

    [Fact]
    public void ChangedOrMissingFilesFailVerifyAndReinstallRepairsThem()
    {
        Install(V1);
        var installed = _machine.Snapshot();
        File.Delete(Path.Combine(_machine.PluginFolder, "AePaint.Effects.dll"));
        File.WriteAllText(Path.Combine(_machine.PluginFolder, "models", "box1.json"), "{ not a card");
        var verify = _machine.Run("verify");
        Assert.Equal(1, verify.Exit);
        Assert.Contains("AePaint.Effects.dll: missing", verify.Err);
        Assert.Contains("models/box1.json: changed", verify.Err);

        Install(V1);
        Assert.Equal(installed, _machine.Snapshot());
    }

    [Fact]
    public void BrokenUserModelFailsVerify()
    {
        Install(V1);
        var userModels = Directory.CreateDirectory(_machine.Environment.UserModelsFolder).FullName;
        File.WriteAllText(Path.Combine(userModels, "half-copied.onnx"), "truncated");
        var (exit, _, err) = _machine.Run("verify");
        Assert.Equal(1, exit);
        Assert.Contains("half-copied.onnx", err);
    }

    [Fact]
    public void UninstallStoppedMidwayCanBeRunAgain()
    {
        var before = _machine.Snapshot();
        Install(V1);
        _machine.FileSystem.FailWhen = (op, path) => op == "delete" && path.EndsWith("box1.onnx", StringComparison.Ordinal);
        var (exit, _, err) = _machine.Run("uninstall");
        Assert.Equal(1, exit);
        Assert.Contains("run uninstall again", err);

        _machine.FileSystem.FailWhen = (_, _) => false;
        Assert.Equal(0, _machine.Run("uninstall").Exit);
        Assert.Equal(before, _machine.Snapshot());
    }

    public void Dispose()
    {
        _machine.Dispose();
        _dir.Dispose();
    }

    private void Install(string zip)
    {
        var (exit, _, err) = _machine.Run("install", "--from", zip);
        Assert.True(exit == 0, err);
    }
}
