using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.OnnxFormat.Tests;

/// <summary>The card inside the .onnx and beside it: written, read back, replaced; broken files refused by name.</summary>
public sealed class ModelFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void TheCardRoundTripsEmbeddedAndAsASidecar()
    {
        var card = TestModels.DenoiseCard("round", receptiveField: 3) with
        {
            Description = "σ and ü survive",
            Metrics = [new MetricEntry("CBSD68", "psnr", 30.5, "denoise σ25")],
            Tags = ["a", "b"],
        };
        var path = TestModels.BoxBlur(_dir.Path, layers: 3, card);

        var embedded = OnnxModelFile.GetCard(OnnxModelFile.Read(path), path);
        Assert.NotNull(embedded);
        Assert.Equal(ModelCardJson.Serialize(card), ModelCardJson.Serialize(embedded));
        var sidecar = ModelCardJson.Deserialize(File.ReadAllText(ModelCardJson.SidecarPath(path)), "sidecar");
        Assert.Equal(ModelCardJson.Serialize(card), ModelCardJson.Serialize(sidecar));
        using var session = ModelSession.Open(path, ExecutionDevice.Cpu);
        Assert.Equal(CardSource.Embedded, session.CardSource);
        Assert.Equal("σ and ü survive", session.Card.Description);
    }

    [Fact]
    public void WritingANewCardReplacesTheOldOneAndLeavesNoTempFiles()
    {
        var path = TestModels.BoxBlur(_dir.Path, layers: 1);
        var proto = OnnxModelFile.Read(path);
        var card = OnnxModelFile.GetCard(proto, path)!;
        OnnxModelFile.WriteWithCard(proto, card with { Description = "second" }, path);

        var reread = OnnxModelFile.Read(path);
        Assert.Single(reread.MetadataProps, p => p.Key == ModelCardJson.MetadataKey);
        Assert.Equal("second", OnnxModelFile.GetCard(reread, path)!.Description);
        Assert.Equal("second", ModelCardJson.Deserialize(File.ReadAllText(ModelCardJson.SidecarPath(path)), "sidecar").Description);
        Assert.Equal(["box1.json", "box1.onnx"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AGraphWithoutACardHasNone()
    {
        var b = new OnnxGraphBuilder("bare");
        var x = b.Input("input", 3);
        b.Output("output", b.Relu(x), 3);
        Assert.Null(OnnxModelFile.GetCard(b.Build(), "bare"));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public void AMalformedFileIsRefusedNamingIt(string kind)
    {
        var good = File.ReadAllBytes(TestModels.BoxBlur(_dir.Path, layers: 2));
        var path = _dir.File(kind + ".onnx");
        File.WriteAllBytes(path, kind == "truncated" ? good[..(good.Length / 2)] : Enumerable.Range(0, 512).Select(i => (byte)(0xFF - (i % 7))).ToArray());

        var e = Assert.Throws<ModelLoadException>(() => OnnxModelFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a valid ONNX file", e.Message);
    }

    [Fact]
    public void ACardThatIsNotJsonIsRefusedNamingItsSource()
    {
        var path = TestModels.BoxBlur(_dir.Path, layers: 1);
        var proto = OnnxModelFile.Read(path);
        proto.MetadataProps.Single(p => p.Key == ModelCardJson.MetadataKey).Value = "{ not json";
        var e = Assert.ThrowsAny<Exception>(() => OnnxModelFile.GetCard(proto, "the-source"));
        Assert.Contains("the-source", e.Message);
    }

    public void Dispose() => _dir.Dispose();
}
