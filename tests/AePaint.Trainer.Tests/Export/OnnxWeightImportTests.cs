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
    [InlineData("denoise", "tiny", 1, false)]
    [InlineData("denoise", "small", 1, false)]
    [InlineData("sr", "tiny", 2, false)]
    [InlineData("sr", "tiny", 4, false)]
    [InlineData("denoise", "tiny", 1, true)]
    [InlineData("sr", "tiny", 2, true)]
    public void ExportThenImportGivesTheSameWeights(string task, string preset, int scale, bool float16)
    {
        TorchRuntime.Initialize();
        var t = task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution;
        using var net = TrainableNet.Create(t, preset, scale, seed: 11);
        var path = _dir.File($"{task}-{preset}-{scale}-{float16}.onnx");
        // A float16 export rounds net's weights in place: the import must give back exactly those float16 values.
        OnnxExporter.Export(net, net.BaseCard("m", 10, new NoiseSection().MapSpec()) with { WeightStorage = float16 ? ModelCard.Float16Storage : null }, path);
        Assert.Equal(float16, Float16Weights.IsApplied(OnnxModelFile.Read(path)));

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

    [Fact]
    public void QuantisedFileIsRefusedInOneLineNamingIt()
    {
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, seed: 1);
        var path = _dir.File("int8.onnx");
        OnnxExporter.Export(net, net.BaseCard("m", 10, new NoiseSection().MapSpec()), path);

        // The first Conv's weight as int8 + DequantizeLinear (a QDQ file, as ONNX Runtime's static quantiser writes).
        var proto = OnnxModelFile.Read(path);
        var conv = proto.Graph.Node.First(n => n.OpType == "Conv");
        var w = proto.Graph.Initializer.Single(i => i.Name == conv.Input[1]);
        var q = new Onnx.TensorProto { Name = w.Name + "_q", DataType = (int)Onnx.TensorProto.Types.DataType.Int8, RawData = Google.Protobuf.ByteString.CopyFrom(new byte[w.RawData.Length / 4]) };
        q.Dims.AddRange(w.Dims);
        var scaleT = new Onnx.TensorProto { Name = w.Name + "_scale", DataType = (int)Onnx.TensorProto.Types.DataType.Float };
        scaleT.FloatData.Add(0.01f);
        proto.Graph.Initializer.Remove(w);
        proto.Graph.Initializer.Add(q);
        proto.Graph.Initializer.Add(scaleT);
        var dq = new Onnx.NodeProto { OpType = "DequantizeLinear", Name = "dq" };
        dq.Input.Add(q.Name);
        dq.Input.Add(scaleT.Name);
        dq.Output.Add(w.Name);
        proto.Graph.Node.Insert(0, dq);
        OnnxModelFile.Write(proto, path);

        var e = Assert.Throws<TrainerException>(() => OnnxWeightImport.Load(path));
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains("int8", e.Message);
        Assert.DoesNotContain('\n', e.Message);
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
