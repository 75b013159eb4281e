using AePaint.Imaging;
using AePaint.Inference;
using AePaint.OnnxFormat;
using AePaint.TestSupport;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Nets;

/// <summary>
/// Re-parameterisation: the fused kernel equals the three branches (forward and gradients), and the new layers'
/// ONNX (one fused Conv per RepConv; SPAN's Sigmoid/ChannelShift/Add/Mul attention) runs in ONNX Runtime as in TorchSharp.
/// </summary>
public sealed class RepConvTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FusedKernelEqualsTheBranchesForwardAndBackward(bool identity)
    {
        TorchRuntime.Initialize();
        using var conv = new RepConv("r", 16, 16, identity);
        SeededInit.Apply(conv, 4);
        using var scope = NewDisposeScope(); // holds the temporaries (sum(), abs()) while libtorch reads them
        using var x = randn([2, 16, 12, 9], generator: new Generator(5));

        using var fused = conv.forward(x);
        fused.sum().backward();

        var gradFused = conv.parameters().Select(p => p.grad!.clone()).ToList();
        foreach (var p in conv.parameters())
        {
            p.grad!.zero_();
        }

        using var branches = conv.BranchForward(x);
        branches.sum().backward();
        var gradBranches = conv.parameters().Select(p => p.grad!).ToList();

        double forwardDiff = (fused - branches).abs().max().item<float>();
        double gradDiff = gradFused.Zip(gradBranches).Max(g => (double)(g.First - g.Second).abs().max().item<float>());
        output.WriteLine($"identity {identity}: max |Δ| forward {forwardDiff:E2}, gradients {gradDiff:E2}");
        Assert.True(forwardDiff < 1e-5, $"forward {forwardDiff}");
        Assert.True(gradDiff < 1e-3, $"gradients {gradDiff}");
        Assert.True(branches.abs().mean().item<float>() > 0.1f); // not a trivially zero comparison
    }

    [Fact]
    public void IdentityBranchNeedsSquareChannels() =>
        Assert.Throws<ArgumentException>(() => new RepConv("r", 3, 16, identity: true));

    [Fact]
    public void RepConvAndSpanBlockExportOneConvEachAndMatchOnnxRuntime()
    {
        TorchRuntime.Initialize();
        using var chain = new LayerChain();
        SeededInit.Apply(chain, 9);
        var b = new OnnxGraphBuilder("chain");
        b.Output("output", chain.Export(b, b.Input("input", 3)), 3);
        var proto = b.Build();
        var ops = proto.Graph.Node.Select(n => n.OpType).ToList();
        output.WriteLine(string.Join(" ", ops));
        var convs = proto.Graph.Node.Where(n => n.OpType == "Conv").ToList();
        Assert.Equal(6, convs.Count(n => n.Attribute.Single(a => a.Name == "group").I == 1)); // 6 RepConvs, each one fused Conv: no 1×1 or identity branch left
        Assert.Single(convs, n => n.Attribute.Single(a => a.Name == "group").I == 16); // the block's sigmoid − ½ (ChannelShift)
        Assert.DoesNotContain(proto.Graph.Initializer, t => t.DataType == 1 && t.Dims.Aggregate(1L, (p, q) => p * q) == 1); // no broadcast scalar left
        Assert.Contains("Sigmoid", ops);
        Assert.Contains("Mul", ops);

        var path = TestModels.Save(_dir.Path, "chain", b, TestModels.DenoiseCard("chain", receptiveField: 6));
        using var session = ModelSession.Open(path, ExecutionDevice.Cpu);
        var rng = new Random(3);
        var window = new PlanarImage(3, 21, 14);
        for (int i = 0; i < window.Data.Length; i++)
        {
            window.Data[i] = (float)rng.NextDouble();
        }

        var onnx = session.Run(window);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var input = tensor(window.Data, [1, 3, 14, 21]);
        var reference = chain.BranchReference(input).contiguous().data<float>().ToArray();
        double max = reference.Zip(onnx.Data).Max(p => Math.Abs(p.First - p.Second));
        double spread = reference.Max() - reference.Min();
        output.WriteLine($"max |Δ| ORT vs TorchSharp branches {max:E2} (output range {spread:F3})");
        Assert.True(max <= OnnxExporter.Tolerance, $"{max}");
        Assert.True(spread > 0.05, "output is flat: the comparison would prove nothing");
    }

    [Fact]
    public void SpanBlocksPassTheSignalFromTheStart()
    {
        // Without the skip around each block, (h + x)(sigmoid(h) − ½) on [0, 1] inputs shrank the signal block by
        // block and the measured receptive field of the six-block net was 2 px: less than its head, body tail and
        // sub-pixel convs alone reach (3), i.e. the blocks passed nothing. At least one block must count (≥ 6).
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(AePaint.Inference.Cards.ModelTask.SuperResolution, "quality", 2, 1);
        int rf = ReceptiveField.Measure(net);
        output.WriteLine($"SPAN quality ×2 at initialisation: measured receptive field {rf} of {net.TheoreticalReceptiveField}");
        Assert.True(rf >= 6, $"{rf}");
    }

    [Fact]
    public void CardParametersCountTheExportedFusedNet()
    {
        TorchRuntime.Initialize();
        using var net = TrainableNet.Create(AePaint.Inference.Cards.ModelTask.Denoise, "quality", 1, 1);
        var b = new OnnxGraphBuilder("q");
        b.Output("output", net.Exportable.Export(b, b.Input("input", 4)), 3);
        long exported = b.Build().Graph.Initializer.Where(t => t.DataType == 1).Sum(t => t.Dims.Aggregate(1L, (x, y) => x * y));
        output.WriteLine($"quality denoiser: {net.TrainingParameters:N0} training parameters, {net.Parameters:N0} exported");
        Assert.Equal(exported, net.Parameters);
        Assert.True(net.TrainingParameters > net.Parameters);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>3 → 16 → (identity rep conv) → SPAN block → 3, exported as the nets do.</summary>
    private sealed class LayerChain : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly RepConv inConv = new("in", 3, 16, identity: false);
        private readonly RepConv square = new("square", 16, 16, identity: true);
        private readonly SpanBlock block = new("block", 16);
        private readonly RepConv outConv = new("out", 16, 3, identity: false);

        public LayerChain()
            : base("chain") => RegisterComponents();

        public double MacsPerInputPixel => 0;

        public override Tensor forward(Tensor x) => outConv.forward(block.forward(nn.functional.relu(square.forward(inConv.forward(x)))));

        /// <summary>The same function with every RepConv outside the block run as separate branches.</summary>
        public Tensor BranchReference(Tensor x) => outConv.BranchForward(block.forward(nn.functional.relu(square.BranchForward(inConv.BranchForward(x)))));

        public string Export(OnnxGraphBuilder b, string x) =>
            outConv.Export(b, block.Export(b, b.Relu(square.Export(b, inConv.Export(b, x)))));
    }
}
