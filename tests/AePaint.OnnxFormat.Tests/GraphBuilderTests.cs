using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.OnnxFormat.Tests;

/// <summary>Graphs written by the builder run in ONNX Runtime and compute what each op promises.</summary>
public sealed class GraphBuilderTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void ConvReluAddSliceConcatAndShuffleComputeTheirDefinitions()
    {
        // Each op feeds its own channels of a 12-channel tensor that a ×2 pixel shuffle lays out as sub-pixels.
        var b = new OnnxGraphBuilder("ops");
        var x = b.Input("input", 3);
        var doubled = b.Conv(x, Diagonal(3, 2f), [-0.5f, -0.5f, -0.5f], 3, 3, 1); // 2x − 0.5 per channel
        var relu = b.Relu(doubled);
        var sum = b.Add(relu, x);
        var first = b.SliceChannels(x, 0, 1);
        var rest = b.SliceChannels(x, 1, 3);
        var reordered = b.Concat(1, rest, first); // channels G, B, R
        var twelve = b.Concat(1, sum, reordered, x, x);
        var y = b.DepthToSpace(twelve, 2);
        b.Output("output", y, 3);
        var path = Save(b, new ModelCard { Name = "ops", Task = ModelTask.SuperResolution, Scale = 2, Architecture = "test" });

        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        var input = new PlanarImage(3, 2, 1);
        float[] values = [0.1f, 0.9f, 0.4f, 0.6f, 0.2f, 0.7f]; // R(2 px), G(2 px), B(2 px)
        values.CopyTo(input.Data, 0);
        var output = model.Run(input);

        Assert.Equal(4, output.Width);
        Assert.Equal(2, output.Height);
        for (int c = 0; c < 3; c++)
        {
            for (int px = 0; px < 2; px++)
            {
                // CRD DepthToSpace: output channel c, sub-pixel (dy, dx) reads input channel c·4 + dy·2 + dx.
                Assert.Equal(Channel(c * 4, values, px), output.Data[(c * 8) + (0 * 4) + (px * 2) + 0], 5);
                Assert.Equal(Channel((c * 4) + 1, values, px), output.Data[(c * 8) + (0 * 4) + (px * 2) + 1], 5);
                Assert.Equal(Channel((c * 4) + 2, values, px), output.Data[(c * 8) + (1 * 4) + (px * 2) + 0], 5);
                Assert.Equal(Channel((c * 4) + 3, values, px), output.Data[(c * 8) + (1 * 4) + (px * 2) + 1], 5);
            }
        }
    }

    [Fact]
    public void RepeatChannelsThenShuffleIsANearestNeighbourUpscale()
    {
        var b = new OnnxGraphBuilder("nearest");
        var x = b.Input("input", 3);
        b.Output("output", b.DepthToSpace(b.RepeatChannels(x, 3, 9), 3), 3);
        var path = Save(b, new ModelCard { Name = "nearest", Task = ModelTask.SuperResolution, Scale = 3, Architecture = "test" });
        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        var input = new PlanarImage(3, 5, 4);
        var rng = new Random(3);
        for (int i = 0; i < input.Data.Length; i++)
        {
            input.Data[i] = (float)rng.NextDouble();
        }

        var output = model.Run(input);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 12; y++)
            {
                for (int xo = 0; xo < 15; xo++)
                {
                    Assert.Equal(input.Data[(c * 20) + ((y / 3) * 5) + (xo / 3)], output.Data[(c * 180) + (y * 15) + xo]);
                }
            }
        }
    }

    [Fact]
    public void ChannelShiftIsADepthwiseConvThatAddsTheShiftExactly()
    {
        var b = new OnnxGraphBuilder("shift");
        b.Output("output", b.ChannelShift(b.Input("input", 3), 3, -0.5f), 3);
        var proto = b.Build();
        var conv = Assert.Single(proto.Graph.Node, n => n.OpType == "Conv");
        Assert.Equal(3, conv.Attribute.Single(a => a.Name == "group").I);
        var path = Save(b, TestModels.DenoiseCard("shift"));
        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        var input = new PlanarImage(3, 7, 5);
        var rng = new Random(11);
        for (int i = 0; i < input.Data.Length; i++)
        {
            input.Data[i] = (float)rng.NextDouble() * 4 - 2;
        }

        var output = model.Run(input);
        for (int i = 0; i < input.Data.Length; i++)
        {
            Assert.Equal(input.Data[i] - 0.5f, output.Data[i]);
        }
    }

    // The 12 channels before the shuffle: relu(2x − 0.5) + x (0–2), G, B, R (3–5), x (6–8), x (9–11).
    private static float Channel(int k, float[] rgb, int px)
    {
        float X(int c) => rgb[(c * 2) + px];
        return k switch
        {
            < 3 => Math.Max(0, (2 * X(k)) - 0.5f) + X(k),
            3 => X(1),
            4 => X(2),
            5 => X(0),
            < 9 => X(k - 6),
            _ => X(k - 9),
        };
    }

    private static float[] Diagonal(int n, float v)
    {
        var w = new float[n * n];
        for (int i = 0; i < n; i++)
        {
            w[(i * n) + i] = v;
        }

        return w;
    }

    private string Save(OnnxGraphBuilder b, ModelCard card)
    {
        var path = _dir.File(card.Name + ".onnx");
        OnnxModelFile.WriteWithCard(b.Build(), card, path);
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
