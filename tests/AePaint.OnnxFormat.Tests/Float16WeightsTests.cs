using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace AePaint.OnnxFormat.Tests;

/// <summary>Float16-stored Conv weights: half the bytes, the float16-rounded function in ONNX Runtime, Casts folded at load.</summary>
public sealed class Float16WeightsTests : IDisposable
{
    // 1 + 2^-13 and 0.1 are not float16 values: rounding moves them by a known amount.
    private static readonly float[] Weights = [1f + (1f / 8192f), 0.1f, -0.3f, 2.5f, 0.7f, -1.1f, 0.05f, 0.2f, 0.9f];
    private static readonly float[] Bias = [0.01f, -0.02f, 0.333f];

    private readonly TempDir _dir = new();

    [Fact]
    public void WeightsAreStoredAsFloat16AndRunAsTheRoundedFloat32Function()
    {
        var fp32 = Model();
        var fp16 = Model();
        Assert.Equal(2, Float16Weights.Apply(fp16));
        Assert.True(Float16Weights.IsApplied(fp16));
        Assert.Equal(2, fp16.Graph.Node.Count(n => n.OpType == "Cast"));
        var stored = fp16.Graph.Initializer.Single(t => t.Name.EndsWith("_w" + Float16Weights.Suffix, StringComparison.Ordinal));
        Assert.Equal((int)TensorProto.Types.DataType.Float16, stored.DataType);
        Assert.Equal(Weights.Length * 2, stored.RawData.Length);
        var back = Float16Weights.TryReadFloats(stored)!;
        for (int i = 0; i < Weights.Length; i++)
        {
            Assert.Equal((float)(Half)Weights[i], back[i]);
        }

        var card = new ModelCard { Name = "half", Task = ModelTask.Denoise, Architecture = "test", WeightStorage = ModelCard.Float16Storage };
        var p32 = _dir.File("fp32.onnx");
        var p16 = _dir.File("fp16.onnx");
        OnnxModelFile.WriteWithCard(fp32, card with { Name = "full", WeightStorage = null }, p32);
        OnnxModelFile.WriteWithCard(fp16, card, p16);

        var input = new PlanarImage(3, 1, 1);
        float[] x = [1f, 1f, 1f];
        x.CopyTo(input.Data, 0);
        using var s32 = ModelSession.Open(p32, ExecutionDevice.Cpu);
        using var s16 = ModelSession.Open(p16, ExecutionDevice.Cpu);
        Assert.Equal(ModelCard.Float16Storage, s16.Card.WeightStorage);
        Assert.Null(s32.Card.WeightStorage);
        var y32 = s32.Run(input).Data;
        var y16 = s16.Run(input).Data;
        for (int o = 0; o < 3; o++)
        {
            float rounded = (float)(Half)Bias[o], full = Bias[o];
            for (int i = 0; i < 3; i++)
            {
                rounded += (float)(Half)Weights[(o * 3) + i];
                full += Weights[(o * 3) + i];
            }

            Assert.Equal(full, y32[o], 5);
            Assert.Equal(rounded, y16[o], 5);
        }

        Assert.NotEqual(y32[0], y16[0]); // the first weight's rounding (2^-13) shows: the file really holds float16
    }

    [Fact]
    public void OnnxRuntimeFoldsTheCastsWhenTheSessionLoads()
    {
        var fp16 = Model();
        Float16Weights.Apply(fp16);
        var path = _dir.File("fold.onnx");
        OnnxModelFile.Write(fp16, path);
        var optimized = _dir.File("fold.optimized.onnx");
        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, OptimizedModelFilePath = optimized })
        using (new InferenceSession(path, options))
        {
        }

        var graph = OnnxModelFile.Read(optimized).Graph;
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Cast");
        Assert.DoesNotContain(graph.Initializer, t => t.DataType == (int)TensorProto.Types.DataType.Float16);
        Assert.Contains(graph.Node, n => n.OpType == "Conv");
    }

    [Fact]
    public void QuantisedInitializersAreNotReadAsFloats()
    {
        var t = new TensorProto { Name = "q", DataType = (int)TensorProto.Types.DataType.Int8 };
        t.Dims.Add(1);
        t.RawData = Google.Protobuf.ByteString.CopyFrom([5]);
        Assert.Null(Float16Weights.TryReadFloats(t));
        Assert.Equal("int8", Float16Weights.TypeName(t));
    }

    private static ModelProto Model()
    {
        var b = new OnnxGraphBuilder("half");
        var x = b.Input("input", 3);
        b.Output("output", b.Conv(x, Weights, Bias, 3, 3, 1), 3);
        return b.Build();
    }

    public void Dispose() => _dir.Dispose();
}
