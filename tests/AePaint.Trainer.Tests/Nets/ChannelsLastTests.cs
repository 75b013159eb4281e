using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Nets;

/// <summary>
/// The channels-last layout `bench --channels-last` measures: the same values in NHWC strides, parameters re-laid in
/// place, the padded edge conv keeping its caller's layout, and the quality nets' float32 gradients in that layout
/// agreeing with float64 (on the conv path this test host runs).
/// </summary>
public sealed class ChannelsLastTests(ITestOutputHelper output)
{
    [Fact]
    public void OfKeepsTheValuesInNhwcStrides()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var x = randn([2, 5, 7, 3], generator: new Generator(3));
        var y = ChannelsLast.Of(x);
        Assert.False(ChannelsLast.Is(x));
        Assert.True(ChannelsLast.Is(y));
        Assert.Equal([5L * 7 * 3, 1, 3 * 5, 5], y.stride()); // N, C, H, W strides of NHWC storage
        Assert.True(x.eq(y).all().item<bool>());
    }

    [Fact]
    public void ConvertedNetKeepsItsParametersAndComputesTheSame()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        using var plain = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, seed: 4);
        using var nhwc = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, seed: 4);
        var before = nhwc.Module.parameters().ToList();
        ChannelsLast.Convert(nhwc.Module);

        Assert.Equal(before, nhwc.Module.parameters()); // the same objects: an optimizer built earlier still sees them
        Assert.All(nhwc.Module.parameters().Where(p => p.dim() == 4 && p.shape[2] > 1), p => Assert.True(ChannelsLast.Is(p)));
        Assert.All(plain.Module.parameters().Zip(nhwc.Module.parameters()), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));

        var x = rand([2, 4, 32, 32], generator: new Generator(9));
        var a = plain.Module.forward(x);
        var b = nhwc.Module.forward(ChannelsLast.Of(x));
        (a * a).sum().backward();
        (b * b).sum().backward();
        double forward = GradientError.Relative(b, a.to(float64));
        double gradients = plain.Module.parameters().Zip(nhwc.Module.parameters())
            .Aggregate(0.0, (w, p) => GradientError.Worst(w, GradientError.Relative(p.Second.grad!, p.First.grad!.to(float64))));
        output.WriteLine($"channels-last vs NCHW, float32: forward {forward:E2}, gradients {gradients:E2}");
        Assert.True(forward < 1e-5, $"forward {forward}");
        Assert.True(gradients < 1e-4, $"gradients {gradients}");
        Assert.True(a.abs().mean().item<float>() > 0.01f); // not a trivially zero comparison
    }

    [Fact]
    public void PaddedEdgeConvKeepsTheCallersLayout()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var x = ChannelsLast.Of(randn([2, 32, 8, 8], generator: new Generator(1)));
        var w = randn([3, 32, 3, 3], generator: new Generator(2));
        var b = randn([3], generator: new Generator(3));
        var padded = AlignedConv.Conv2d(x, w, b, 1, 1, extra: 13);
        var plain = AlignedConv.Conv2d(x.contiguous(), w, b, 1, 1, extra: 0);
        Assert.True(ChannelsLast.Is(padded));
        Assert.False(ChannelsLast.Is(AlignedConv.Conv2d(x.contiguous(), w, b, 1, 1, extra: 13)));
        Assert.True(GradientError.Relative(padded, plain.to(float64)) < 1e-5);
    }

    [Theory]
    [InlineData(ModelTask.Denoise, 1)]
    [InlineData(ModelTask.SuperResolution, 2)]
    [InlineData(ModelTask.SuperResolution, 4)]
    public void QualityNetGradientsInChannelsLastAgreeWithFloat64(ModelTask task, int scale)
    {
        TorchRuntime.Initialize();
        var spec = new NetSpec(task, "quality", scale, ChannelsLast: true);
        double e = NetGradientCheck.RelativeError(spec);
        output.WriteLine($"{spec}: float32 vs float64 {e:E2}");
        Assert.True(e <= ConvGradientCheck.Tolerance, $"{e}");
    }
}
