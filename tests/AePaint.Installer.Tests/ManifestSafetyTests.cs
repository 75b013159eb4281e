using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AePaint.Installer.Installing;
using AePaint.Installer.Platform;
using AePaint.TestSupport;

namespace AePaint.Installer.Tests;

/// <summary>Issue 16 row 10: paths read from manifests never reach outside the plugin's own folder; uninstall deletes only what install wrote.</summary>
public sealed class ManifestSafetyTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Theory]
    [InlineData("../Evil.dll")]
    [InlineData("..\\Evil.dll")]
    [InlineData("sub/../../Evil.dll")]
    public void ABundleListingAPathOutsideThePluginFolderInstallsNothing(string evil)
    {
        using var machine = new FakeMachine(PdnLayout.Classic);
        var bundle = ExtractedBundle("evil");
        File.WriteAllText(Path.Combine(bundle, "Evil.dll"), "MZ not ours");
        EditManifest(Path.Combine(bundle, BundleManifest.FileName), m => FilesOf(m, "plugin").Add(Entry(evil, Path.Combine(bundle, "Evil.dll"))));
        var before = machine.Snapshot();

        var (exit, _, err) = machine.Run(["install", "--from", bundle]);

        Assert.Equal(1, exit);
        Assert.Contains($"lists the path '{evil}'", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(machine.EffectsFolder, "Evil.dll")));
        Assert.Equal(before, machine.Snapshot());
    }

    [Fact]
    public void AnEditedInstallManifestCannotMakeUninstallDeleteAnotherPlugin()
    {
        using var machine = new FakeMachine(PdnLayout.Classic);
        Install(machine);
        var other = Path.Combine(machine.EffectsFolder, "SomeoneElsesEffect.dll");
        var holiday = Path.Combine(machine.Environment.Documents, "holiday.pdn");
        var manifest = Path.Combine(machine.PluginFolder, InstallManifest.FileName);

        foreach (var listed in new[] { "../SomeoneElsesEffect.dll", holiday })
        {
            EditManifest(manifest, m => ((JsonArray)m["files"]!).Add(Entry(listed, listed.StartsWith('/') ? listed : other)));
            var (exit, _, err) = machine.Run(["uninstall"]);

            Assert.Equal(1, exit);
            Assert.Contains($"lists the path '{listed}'", err, StringComparison.Ordinal);
            Assert.True(File.Exists(other));
            Assert.True(File.Exists(holiday));
            EditManifest(manifest, m => ((JsonArray)m["files"]!).RemoveAt(((JsonArray)m["files"]!).Count - 1));
        }
    }

    [Fact]
    public void UninstallKeepsAFileTheUserChangedAndNamesIt()
    {
        using var machine = new FakeMachine(PdnLayout.Classic);
        Install(machine);
        var model = Path.Combine(machine.PluginFolder, "models", "box1.onnx");
        File.WriteAllText(model, "my own model now");

        var (exit, stdout, err) = machine.Run(["uninstall"]);

        Assert.True(exit == 0, err);
        Assert.Contains("models/box1.onnx: changed", stdout, StringComparison.Ordinal);
        Assert.Equal("my own model now", File.ReadAllText(model));
        Assert.False(File.Exists(Path.Combine(machine.PluginFolder, "AePaint.PaintDotNet.dll")));
    }

    [Fact]
    public void UninstallDoesNotDeleteThroughALinkInThePluginFolder()
    {
        using var machine = new FakeMachine(PdnLayout.Classic);
        Install(machine);
        var elsewhere = Path.Combine(machine.Root, "my-models");
        Directory.Move(Path.Combine(machine.PluginFolder, "models"), elsewhere);
        Directory.CreateSymbolicLink(Path.Combine(machine.PluginFolder, "models"), elsewhere);
        var files = Directory.GetFiles(elsewhere).Order(StringComparer.Ordinal).ToArray();

        var (exit, stdout, err) = machine.Run(["uninstall"]);

        Assert.True(exit == 0, err);
        Assert.Contains("links are not followed", stdout, StringComparison.Ordinal);
        Assert.Equal(files, Directory.GetFiles(elsewhere).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _dir.Dispose();

    private static JsonArray FilesOf(JsonNode manifest, string component) =>
        (JsonArray)((JsonArray)manifest["components"]!).First(c => (string?)c!["name"] == component)!["files"]!;

    private static JsonObject Entry(string path, string file) => new()
    {
        ["path"] = path,
        ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))),
        ["size"] = new FileInfo(file).Length,
    };

    private static void EditManifest(string path, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    private void Install(FakeMachine machine)
    {
        var install = machine.Run(["install", "--from", InstallLayoutTests.Bundle(_dir, "0.1.0")]);
        Assert.True(install.Exit == 0, install.Err);
    }

    private string ExtractedBundle(string name)
    {
        var folder = _dir.File(name);
        ZipFile.ExtractToDirectory(InstallLayoutTests.Bundle(_dir, "0.1.0"), folder);
        return folder;
    }
}
