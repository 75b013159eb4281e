using System.Security.Cryptography;
using AePaint.Effects;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.Installer.Bundling;
using AePaint.Installer.Installing;
using AePaint.OnnxFormat;
using AePaint.TestSupport;

namespace AePaint.Installer.Tests;

/// <summary>
/// Upgrading an install of the bundle before the 2026-12-07 SR rename (sr-x2-general / sr-x4-general were the small
/// nets) to one with the shipped models of this checkout (sr-x2-fast / sr-x4-fast are those nets, sr-x2-general is the
/// quality ×2), with the real model files.
/// </summary>
public sealed class ModelRenameUpgradeTests : IDisposable
{
    /// <summary>The models the previous bundle shipped (main at 8f5228a), and which of today's files each old name held.</summary>
    private static readonly (string Old, string Now)[] PreviousSet =
        [("denoise-fast", "denoise-fast"), ("denoise-general", "denoise-general"), ("sr-x2-general", "sr-x2-fast"), ("sr-x4-general", "sr-x4-fast"), ("sr-x4-real", "sr-x4-real")];

    private readonly TempDir _dir = new();
    private readonly FakeMachine _machine = new(PdnLayout.Classic);

    private static string Shipped => Path.Combine(TestPaths.RepoRoot, "models");

    private string InstalledModels => Path.Combine(_machine.PluginFolder, "models");

    [Fact]
    public void UpgradeAcrossTheRenameLeavesExactlyTheShippedModelsAndTheUsersFiles()
    {
        Install(Bundle("0.1.0", PreviousModels()));
        Assert.Equal("aepaint-srres-small", Card("sr-x2-general").Architecture); // the old small ×2 under the name the quality net now has
        var mine = Path.Combine(InstalledModels, "my-own.onnx");
        File.Copy(TestModels.BoxBlur(_dir.Path, 2), mine);
        var userModels = Directory.CreateDirectory(_machine.Environment.UserModelsFolder).FullName;
        TestModels.PixelShuffle(userModels, 2);
        var before = Hashes(userModels);
        var mineHash = Sha(mine);

        var (exit, output, err) = _machine.Run("install", "--from", Bundle("0.2.0", Shipped));
        Assert.True(exit == 0, err);
        Assert.Contains("(replacing 0.1.0)", output);
        Assert.Contains("kept 1 file(s) of yours there: models/my-own.onnx", output);

        // Exactly the shipped files, byte for byte, plus the user's own; the manifest lists the shipped ones and no other.
        var shipped = Hashes(Shipped, "*.onnx").Concat(Hashes(Shipped, "*.json")).ToDictionary();
        var installed = Hashes(InstalledModels);
        Assert.Equal(shipped.Keys.Append("my-own.onnx").Order(StringComparer.Ordinal), installed.Keys.Order(StringComparer.Ordinal));
        Assert.All(shipped, s => Assert.Equal(s.Value, installed[s.Key]));
        Assert.Equal(mineHash, installed["my-own.onnx"]);
        var manifest = ManifestJson.ReadInstall(_machine.FileSystem, _machine.PluginFolder)!;
        Assert.Equal("0.2.0", manifest.Version);
        Assert.Equal(
            shipped.Select(s => ("models/" + s.Key, s.Value)).Order(),
            manifest.Files.Where(f => f.Path.StartsWith("models/", StringComparison.Ordinal)).Select(f => (f.Path, f.Sha256)).Order());
        Assert.False(File.Exists(Path.Combine(InstalledModels, "sr-x4-general.onnx")));
        Assert.False(File.Exists(Path.Combine(InstalledModels, "sr-x4-general.json")));
        Assert.Equal(before, Hashes(userModels));

        // No card without its model, and every model reads its own card (embedded, which wins over any sidecar) under its file name.
        foreach (var json in Directory.GetFiles(InstalledModels, "*.json"))
        {
            Assert.True(File.Exists(Path.ChangeExtension(json, ".onnx")), json + " has no model beside it");
        }

        foreach (var onnx in Directory.GetFiles(InstalledModels, "*.onnx").Where(p => p != mine))
        {
            var (card, source) = ModelCardFile.Read(onnx);
            Assert.Equal(CardSource.Embedded, source);
            Assert.Equal(Path.GetFileNameWithoutExtension(onnx), card.Name);
            Assert.Equal(ModelCardJson.Serialize(card), ModelCardJson.Serialize(ModelCardJson.Deserialize(File.ReadAllText(Path.ChangeExtension(onnx, ".json")), onnx)));
        }

        Assert.Equal(0, _machine.Run("verify").Exit);
        AssertDialogsOfferTheShippedPairs(userModels);
    }

    /// <summary>
    /// Files of ours the user changed: a model this version no longer ships is theirs now and kept (as uninstall keeps
    /// it); a card this version ships again is replaced, so the old small net's card never sits beside the quality net.
    /// </summary>
    [Fact]
    public void ChangedModelsOfOursAreKeptWhenDroppedAndReplacedWhenShippedAgain()
    {
        Install(Bundle("0.1.0", PreviousModels()));
        var replaced = Path.Combine(InstalledModels, "sr-x4-general.onnx");
        File.Copy(TestModels.PixelShuffle(_dir.Path, 4), replaced, overwrite: true); // the user's own ×4 under the old name
        var theirs = Sha(replaced);
        var card = Path.Combine(InstalledModels, "sr-x2-general.json");
        File.WriteAllText(card, File.ReadAllText(card).Replace("\"tileOverlap\"", "\"tileOverlap\" ", StringComparison.Ordinal));

        var (exit, output, err) = _machine.Run("install", "--from", Bundle("0.2.0", Shipped));
        Assert.True(exit == 0, err);
        Assert.Contains("kept 1 file(s) of yours there: models/sr-x4-general.onnx", output);
        Assert.Equal(theirs, Sha(replaced));
        Assert.False(File.Exists(Path.ChangeExtension(replaced, ".json")));
        Assert.Equal(Sha(Path.Combine(Shipped, "sr-x2-general.json")), Sha(card));
        Assert.Equal("aepaint-span-quality", Card("sr-x2-general").Architecture);
        Assert.DoesNotContain(ManifestJson.ReadInstall(_machine.FileSystem, _machine.PluginFolder)!.Files, f => f.Path.Contains("x4-general", StringComparison.Ordinal));

        var verify = _machine.Run("verify");
        Assert.True(verify.Exit == 0, verify.Err);
        Assert.Contains("1 other file(s) not ours: models/sr-x4-general.onnx", verify.Out);
        var sr = ModelChoices.For(ModelTask.SuperResolution, new ModelCatalog([InstalledModels]).List());
        Assert.Contains(sr, c => c.Label == "shuffle4 (×4)" && c.Path == replaced);

        Assert.Equal(0, _machine.Run("uninstall").Exit);
        Assert.Equal(theirs, Sha(replaced));
    }

    /// <summary>
    /// A model file of ours the user replaced by their own, under a name this version ships again: overwriting it would
    /// destroy their model, so the upgrade stops before touching anything and says which file and what to do.
    /// </summary>
    [Fact]
    public void ChangedModelOfOursShippedAgainStopsTheUpgradeUntouched()
    {
        Install(Bundle("0.1.0", PreviousModels()));
        var theirs = Path.Combine(InstalledModels, "sr-x2-general.onnx");
        File.Copy(TestModels.PixelShuffle(_dir.Path, 2), theirs, overwrite: true);
        var (program, models) = (Hashes(_machine.PluginFolder), Hashes(InstalledModels));

        var (exit, _, err) = _machine.Run("install", "--from", Bundle("0.2.0", Shipped));
        Assert.NotEqual(0, exit);
        Assert.Contains("sr-x2-general.onnx has changed since AePaint installed it", err);
        Assert.Contains("move yours elsewhere", err);
        Assert.Equal(program, Hashes(_machine.PluginFolder));
        Assert.Equal(models, Hashes(InstalledModels));
        Assert.Equal("0.1.0", ManifestJson.ReadInstall(_machine.FileSystem, _machine.PluginFolder)!.Version);

        File.Move(theirs, Path.Combine(_dir.Path, "mine.onnx")); // as the message says
        var retry = _machine.Run("install", "--from", Bundle("0.2.0", Shipped));
        Assert.True(retry.Exit == 0, retry.Err);
        Assert.Equal("aepaint-span-quality", Card("sr-x2-general").Architecture);
    }

    /// <summary>
    /// A model the user trained as sr-x2-fast before this version shipped one of that name: the shipped one wins (the
    /// plugin's folder is searched first), and install and verify say so; renamed as the note says, both are offered.
    /// </summary>
    [Fact]
    public void UserModelNamedLikeANewlyShippedOneIsSaidToBeUnusedAndWorksOnceRenamed()
    {
        var userModels = Directory.CreateDirectory(_machine.Environment.UserModelsFolder).FullName;
        var trained = TestModels.PixelShuffle(_dir.Path, 2, new ModelCard { Name = "sr-x2-fast", Task = ModelTask.SuperResolution, Scale = 2, Architecture = "test" });
        var mine = Path.Combine(userModels, "sr-x2-fast.onnx");
        File.Copy(trained, mine);
        File.Copy(Path.ChangeExtension(trained, ".json"), Path.ChangeExtension(mine, ".json"));
        var first = _machine.Run("install", "--from", Bundle("0.1.0", PreviousModels()));
        Assert.True(first.Exit == 0, first.Err);
        Assert.DoesNotContain("is not used", first.Out);

        var (exit, output, err) = _machine.Run("install", "--from", Bundle("0.2.0", Shipped));
        Assert.True(exit == 0, err);
        var shippedFast = Path.Combine(InstalledModels, "sr-x2-fast.onnx");
        var note = $"note: your model {mine} is not used: {shippedFast} has the same file name and is found first; rename yours (the .onnx and its .json) to use it";
        Assert.Contains(note, output);
        var verify = _machine.Run("verify");
        Assert.True(verify.Exit == 0, verify.Err);
        Assert.Contains(note, verify.Out);
        var catalog = new ModelCatalog([InstalledModels, userModels]);
        Assert.Equal(shippedFast, catalog.Find("sr-x2-fast"));
        Assert.Equal(["Standard ×2 (Quality: Fast or Best)", "sr-x4-fast (×4)", "sr-x4-real (×4)"], ModelChoices.For(ModelTask.SuperResolution, catalog.List()).Select(c => c.Label));

        // Renamed (its card still says sr-x2-fast): one entry each, each running its own model; the pair stays the shipped one.
        var renamed = Path.Combine(userModels, "mine.onnx");
        File.Move(mine, renamed);
        File.Move(Path.ChangeExtension(mine, ".json"), Path.ChangeExtension(renamed, ".json"));
        Assert.Empty(catalog.Hidden());
        var sr = ModelChoices.For(ModelTask.SuperResolution, catalog.List());
        Assert.Equal(["Standard ×2 (Quality: Fast or Best)", "sr-x2-fast (×2, mine.onnx)", "sr-x4-fast (×4)", "sr-x4-real (×4)"], sr.Select(c => c.Label));
        Assert.Equal((shippedFast, Path.Combine(InstalledModels, "sr-x2-general.onnx")), (sr[0].For(ModelQuality.Fast), sr[0].For(ModelQuality.Best)));
        Assert.Equal((renamed, renamed), (sr[1].For(ModelQuality.Fast), sr[1].For(ModelQuality.Best)));
        Assert.Equal(shippedFast, catalog.Find("sr-x2-fast"));
        Assert.Equal(renamed, catalog.Find("mine"));
        Assert.DoesNotContain("is not used", _machine.Run("verify").Out);
    }

    public void Dispose()
    {
        _machine.Dispose();
        _dir.Dispose();
    }

    /// <summary>
    /// The previous bundle's models folder, rebuilt from today's files: the SR rename changed only the card's name
    /// (OnnxModelFile.WriteWithCard), so writing the old name back gives the old files (checked byte for byte against
    /// 8f5228a's sr-x2-general / sr-x4-general .onnx and .json when this test was written).
    /// </summary>
    internal string PreviousModels()
    {
        var folder = Directory.CreateDirectory(_dir.File("models-previous")).FullName;
        foreach (var (old, now) in PreviousSet)
        {
            var source = Path.Combine(Shipped, now + ".onnx");
            if (old == now)
            {
                File.Copy(source, Path.Combine(folder, now + ".onnx"));
                File.Copy(Path.ChangeExtension(source, ".json"), Path.Combine(folder, now + ".json"));
                continue;
            }

            var model = OnnxModelFile.Read(source);
            var card = OnnxModelFile.GetCard(model, source)!;
            OnnxModelFile.WriteWithCard(model, card with { Name = old }, Path.Combine(folder, old + ".onnx"));
        }

        return folder;
    }

    private void AssertDialogsOfferTheShippedPairs(string userModels)
    {
        var installed = new ModelCatalog([InstalledModels, userModels]).List();
        var denoise = ModelChoices.For(ModelTask.Denoise, installed);
        Assert.Equal([ModelChoice.StandardLabel, "box2"], denoise.Select(c => c.Label));
        Assert.Equal(("denoise-fast", "denoise-general"), (Name(denoise[0].For(ModelQuality.Fast)), Name(denoise[0].For(ModelQuality.Best))));

        var sr = ModelChoices.For(ModelTask.SuperResolution, installed);
        Assert.Equal(["Standard ×2 (Quality: Fast or Best)", "shuffle2 (×2)", "sr-x4-fast (×4)", "sr-x4-real (×4)"], sr.Select(c => c.Label));
        Assert.Equal(("sr-x2-fast", "sr-x2-general"), (Name(sr[0].For(ModelQuality.Fast)), Name(sr[0].For(ModelQuality.Best))));
        Assert.Equal("aepaint-span-quality", sr[0].Best!.Card!.Architecture);
        Assert.Equal(sr[2].Path, sr[2].For(ModelQuality.Best)); // ×4: one model for both
    }

    private ModelCard Card(string name) => ModelCardFile.Read(Path.Combine(InstalledModels, name + ".onnx")).Card;

    private static string Name(string path) => Path.GetFileNameWithoutExtension(path);

    private string Bundle(string version, string models) => BundleBuilder.Build(new BundleOptions
    {
        PluginOutput = FakeBuilds.Plugin(_dir.File("build-" + version), version),
        ModelsFolder = models,
        OutputFolder = _dir.File("dist-" + version),
    }).Zip;

    private void Install(string zip)
    {
        var (exit, _, err) = _machine.Run("install", "--from", zip);
        Assert.True(exit == 0, err);
    }

    private static SortedDictionary<string, string> Hashes(string folder, string pattern = "*") =>
        new(Directory.GetFiles(folder, pattern).ToDictionary(f => Path.GetFileName(f), Sha), StringComparer.Ordinal);

    private static string Sha(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
}
