using AePaint.Inference.Cards;
using AePaint.OnnxFormat;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>`aepaint models install`: real tiny ONNX models into a temporary models folder (--to).</summary>
public sealed class ModelInstallTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Source => Directory.CreateDirectory(_dir.File("src")).FullName;

    private string Target => _dir.File("user-models");

    [Fact]
    public void EmbeddedCardModelIsCopiedWithASidecarWritten()
    {
        var model = TestModels.BoxBlur(Source, 1);
        File.Delete(ModelCardJson.SidecarPath(model));
        var (exit, output, err) = CliRunner.Run("models", "install", model, "--to", Target);
        Assert.True(exit == 0, err);
        Assert.Contains("Installed box1", output);
        var dest = Path.Combine(Target, "box1.onnx");
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(dest));
        Assert.Equal("box1", ModelCardJson.Deserialize(File.ReadAllText(Path.Combine(Target, "box1.json")), "sidecar").Name);
        Assert.Equal(["box1.json", "box1.onnx"], Directory.GetFiles(Target).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void SidecarOnlyModelIsCopiedWithItsCard()
    {
        var b = new OnnxGraphBuilder("identity");
        b.Output("output", b.Node("Identity", [b.Input("input", 3)]), 3);
        var model = TestModels.Save(Source, "mine", b, TestModels.DenoiseCard("mine"), sidecarOnly: true);
        var (exit, _, err) = CliRunner.Run("models", "install", model, "--to", Target);
        Assert.True(exit == 0, err);
        Assert.Equal(File.ReadAllText(ModelCardJson.SidecarPath(model)), File.ReadAllText(Path.Combine(Target, "mine.json")));
        Assert.True(File.Exists(Path.Combine(Target, "mine.onnx")));
    }

    [Fact]
    public void ModelWithoutACardIsRefusedAndNothingIsWritten()
    {
        var b = new OnnxGraphBuilder("identity");
        b.Output("output", b.Node("Identity", [b.Input("input", 3)]), 3);
        var model = TestModels.Save(Source, "nocard", b, card: null);
        var (exit, _, err) = CliRunner.Run("models", "install", model, "--to", Target);
        Assert.Equal(1, exit);
        Assert.Contains("no model card", err);
        Assert.False(Directory.Exists(Target) && Directory.EnumerateFileSystemEntries(Target).Any());
    }

    [Fact]
    public void ModelWhoseGraphDisagreesWithItsCardIsRefused()
    {
        var model = TestModels.Identity(Source, TestModels.DenoiseCard("liar") with { InputChannels = 1, OutputChannels = 1 });
        var (exit, _, err) = CliRunner.Run("models", "install", model, "--to", Target);
        Assert.Equal(1, exit);
        Assert.Contains("channels", err);
        Assert.False(File.Exists(Path.Combine(Target, "identity.onnx")));
    }

    [Fact]
    public void SameModelTwiceIsANoOpAndADifferentOneNeedsForce()
    {
        var model = TestModels.BoxBlur(Source, 1);
        Assert.Equal(0, CliRunner.Run("models", "install", model, "--to", Target).Exit);
        var again = CliRunner.Run("models", "install", model, "--to", Target);
        Assert.Equal(0, again.Exit);
        Assert.Contains("already installed", again.Out);

        var other = Directory.CreateDirectory(_dir.File("other")).FullName;
        var different = TestModels.BoxBlur(other, 2, TestModels.DenoiseCard("box1", receptiveField: 2));
        var renamed = Path.Combine(other, "box1.onnx");
        File.Move(different, renamed);
        File.Move(ModelCardJson.SidecarPath(different), ModelCardJson.SidecarPath(renamed));
        var refused = CliRunner.Run("models", "install", renamed, "--to", Target);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("--force", refused.Err);
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(Path.Combine(Target, "box1.onnx")));

        var forced = CliRunner.Run("models", "install", renamed, "--to", Target, "--force");
        Assert.True(forced.Exit == 0, forced.Err);
        Assert.Equal(File.ReadAllBytes(renamed), File.ReadAllBytes(Path.Combine(Target, "box1.onnx")));
        Assert.Contains("\"receptiveField\": 2", File.ReadAllText(Path.Combine(Target, "box1.json")));
        Assert.Empty(Directory.GetFiles(Target, "*.tmp-*"));
    }

    [Fact]
    public void NotAnOnnxFileIsRefused()
    {
        var text = _dir.File("notes.txt");
        File.WriteAllText(text, "hello");
        var (exit, _, err) = CliRunner.Run("models", "install", text, "--to", Target);
        Assert.Equal(1, exit);
        Assert.Contains("expected an .onnx", err);
    }

    public void Dispose() => _dir.Dispose();
}
