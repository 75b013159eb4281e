using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.OnnxFormat;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>Cards are found, checked against the graph, and bad models are refused with the file named.</summary>
public sealed class ModelLoadingTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void EmbeddedCardIsReadBack()
    {
        var path = TestModels.BoxBlur(_dir.Path, 2);
        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        Assert.Equal(CardSource.Embedded, model.CardSource);
        Assert.Equal("box2", model.Card.Name);
        Assert.Equal(2, model.Card.ReceptiveField);
        Assert.Equal("CPU", model.Provider);
        Assert.Null(model.FallbackReason);
    }

    [Fact]
    public void SidecarIsUsedWhenNothingIsEmbedded()
    {
        var b = new OnnxGraphBuilder("id");
        b.Output("output", b.Node("Identity", [b.Input("input", 3)]), 3);
        var path = TestModels.Save(_dir.Path, "side", b, TestModels.DenoiseCard("side-card"), sidecarOnly: true);
        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        Assert.Equal(CardSource.Sidecar, model.CardSource);
        Assert.Equal("side-card", model.Card.Name);
    }

    [Fact]
    public void ModelWithoutCardIsRefused()
    {
        var b = new OnnxGraphBuilder("id");
        b.Output("output", b.Node("Identity", [b.Input("input", 3)]), 3);
        var path = TestModels.Save(_dir.Path, "nocard", b, card: null);
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(path, ExecutionDevice.Cpu));
        Assert.Contains("nocard.onnx", e.Message);
        Assert.Contains("no model card", e.Message);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, "junk")]
    public void CorruptOnnxIsRefused(byte[] bytes, string name)
    {
        var path = _dir.File(name + ".onnx");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(path, ExecutionDevice.Cpu));
        Assert.Contains(name + ".onnx", e.Message);
        Assert.Contains("not a valid ONNX model", e.Message);
    }

    [Fact]
    public void TruncatedOnnxIsRefused()
    {
        var good = File.ReadAllBytes(TestModels.BoxBlur(_dir.Path, 1));
        var path = _dir.File("cut.onnx");
        File.WriteAllBytes(path, good[..(good.Length / 2)]);
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(path, ExecutionDevice.Cpu));
        Assert.Contains("cut.onnx", e.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(_dir.File("nope.onnx"), ExecutionDevice.Cpu));
        Assert.Contains("nope.onnx", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void CardClaimingWrongScaleIsRefused()
    {
        var card = new ModelCard { Name = "liar", Task = ModelTask.SuperResolution, Scale = 4 };
        var path = TestModels.PixelShuffle(_dir.Path, 2, card);
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(path, ExecutionDevice.Cpu));
        Assert.Contains("scale 4", e.Message);
        Assert.Contains("shuffle2.onnx", e.Message);
    }

    [Fact]
    public void CardClaimingWrongChannelsIsRefused()
    {
        var b = new OnnxGraphBuilder("gray");
        b.Output("output", b.Node("Identity", [b.Input("input", 1)]), 1);
        var path = TestModels.Save(_dir.Path, "graylie", b, TestModels.DenoiseCard("graylie"));
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(path, ExecutionDevice.Cpu));
        Assert.Contains("1 input channels", e.Message);
    }

    [Fact]
    public void CardWithNoiseMapButGraphWithoutIsRefused()
    {
        var path = TestModels.Identity(_dir.Path, TestModels.DenoiseCard("nm") with { NoiseMap = new NoiseMapSpec() });
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(path, ExecutionDevice.Cpu));
        Assert.Contains("noise map", e.Message);
    }

    [Fact]
    public void MalformedSidecarIsRefusedNamingTheSidecar()
    {
        var b = new OnnxGraphBuilder("id");
        b.Output("output", b.Node("Identity", [b.Input("input", 3)]), 3);
        var path = TestModels.Save(_dir.Path, "badside", b, card: null);
        File.WriteAllText(_dir.File("badside.json"), "{ \"name\": \"x\", \"scale\": ");
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(path, ExecutionDevice.Cpu));
        Assert.Contains("badside.json", e.Message);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void InconsistentCardIsRefused()
    {
        var path = TestModels.Identity(_dir.Path, TestModels.DenoiseCard("x") with { Scale = 2 });
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(path, ExecutionDevice.Cpu));
        Assert.Contains("denoise model must have scale 1", e.Message);
    }

    [Fact]
    public void CardRoundTripsThroughJson()
    {
        var card = TestModels.DenoiseCard("rt", 5, 8) with
        {
            NoiseMap = new NoiseMapSpec { SigmaMax = 55 },
            Training = new TrainingInfo { Steps = 1000, Data = "photos" },
            Metrics = [new MetricEntry("CBSD68", "psnr", 30.9, "sigma=25")],
        };
        var json = ModelCardJson.Serialize(card);
        Assert.Contains("\"task\": \"denoise\"", json);
        Assert.Contains("\"multipleOf\": 8", json);
        var back = ModelCardJson.Deserialize(json, "test");
        Assert.Equal(card.Name, back.Name);
        Assert.Equal(card.NoiseMap, back.NoiseMap);
        Assert.Equal(card.Training, back.Training);
        Assert.Equal(card.Metrics, back.Metrics);
    }

    [Theory]
    [InlineData(ExecutionDevice.Auto)]
    [InlineData(ExecutionDevice.Gpu)]
    public void GpuRequestFallsBackToCpuWithAReason(ExecutionDevice device)
    {
        // The CPU ONNX Runtime package lacks the DirectML entry point: the same code path as a failing GPU.
        var path = TestModels.BoxBlur(_dir.Path, 1);
        using var model = ModelSession.Open(path, device);
        Assert.Equal("CPU", model.Provider);
        Assert.NotNull(model.FallbackReason);
        Assert.Contains("DirectML", model.FallbackReason);
        var (output, _) = TiledRunner.Run(model, TestImages.Random(20, 20), new RunSettings());
        Assert.Equal(20, output.Width);
    }

    [Fact]
    public void CacheKeepsOneSessionPerModelAndDevice()
    {
        var path = TestModels.BoxBlur(_dir.Path, 1);
        using var cache = new ModelSessionCache();
        var a = cache.Get(path, ExecutionDevice.Cpu);
        var b = cache.Get(Path.Combine(_dir.Path, ".", "box1.onnx"), ExecutionDevice.Cpu);
        var c = cache.Get(path, ExecutionDevice.Auto);
        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void CacheDoesNotKeepFailures()
    {
        using var cache = new ModelSessionCache();
        var path = _dir.File("later.onnx");
        Assert.Throws<ModelLoadException>(() => cache.Get(path, ExecutionDevice.Cpu));
        File.Copy(TestModels.BoxBlur(_dir.Path, 1), path);
        File.Copy(_dir.File("box1.json"), _dir.File("later.json"));
        Assert.NotNull(cache.Get(path, ExecutionDevice.Cpu));
    }

    public void Dispose() => _dir.Dispose();
}
