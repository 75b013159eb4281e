using AePaint.Inference.Cards;
using AePaint.OnnxFormat;
using AePaint.TestSupport;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using AePaint.Trainer.Training.Recipe;

namespace AePaint.Trainer.Tests.Export;

/// <summary>A shipped .onnx loads back into the TorchSharp net it came from, weight for weight.</summary>
public sealed class OnnxWeightImportTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Theory]
    [InlineData("denoise", "tiny", 1)]
    [InlineData("denoise", "small", 1)]
    [InlineData("sr", "tiny", 2)]
    [InlineData("sr", "tiny", 4)]
    public void ExportThenImportGivesTheSameWeights(string task, string preset, int scale)
    {
        TorchRuntime.Initialize();
        var t = task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        using var net = TrainableNet.Create(t, preset, scale, seed: 11);
        var path = _dir.File($"{task}-{preset}-{scale}.onnx");
        OnnxExporter.Export(net, net.BaseCard("m", 10, new NoiseSection().MapSpec()), path);

        using var back = OnnxWeightImport.Load(path);
        Assert.Equal(net.Architecture, back.Architecture);
        Assert.Equal(scale, back.Scale);
        var expected = net.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var actual = back.Module.named_parameters().ToList();
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (name, p) in actual)
        {
            Assert.True(p.equal(expected[name]).all().item<bool>(), $"{name} differs after the round trip");
        }
    }

    [Fact]
    public void ForeignArchitectureIsRefusedByName()
    {
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, seed: 1);
        var path = _dir.File("drunet.onnx");
        OnnxExporter.Export(net, net.BaseCard("m", 10, new NoiseSection().MapSpec()), path);
        var proto = OnnxModelFile.Read(path);
        OnnxModelFile.SetCard(proto, net.BaseCard("m", 10, new NoiseSection().MapSpec()) with { Architecture = "drunet" });
        OnnxModelFile.Write(proto, path);
        File.Delete(ModelCardJson.SidecarPath(path));
        var e = Assert.Throws<TrainerException>(() => OnnxWeightImport.Load(path));
        Assert.Contains("drunet", e.Message);
        Assert.Contains("cannot be fine-tuned", e.Message);
    }

    [Theory]
    [InlineData("denoise", 1)]
    [InlineData("sr", 2)]
    public void FusedReparameterisedExportIsRefusedWithTheCheckpointAsTheWay(string task, int scale)
    {
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution, "quality", scale, seed: 1);
        var path = _dir.File($"{task}-quality.onnx");
        OnnxExporter.Export(net, net.BaseCard("m", 10, new NoiseSection().MapSpec()), path);
        var e = Assert.Throws<TrainerException>(() => OnnxWeightImport.Load(path));
        Assert.Contains(net.Architecture, e.Message);
        Assert.Contains(".ckpt", e.Message);
    }

    public void Dispose() => _dir.Dispose();
}
