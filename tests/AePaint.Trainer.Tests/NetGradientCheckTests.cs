using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests;

/// <summary>
/// The net-level start-up decision (<see cref="NetGradientCheck"/>) on real TorchSharp and ATen's real oneDNN switch; the
/// bad paths are driven by faults injected into the float32 gradients, as in <see cref="ConvGradientCheckTests"/>.
/// </summary>
[Collection(OneDnnSwitchCollection.Name)]
public sealed class NetGradientCheckTests(ITestOutputHelper output) : IDisposable
{
    private static readonly NetSpec DenoiseQuality = new(ModelTask.Denoise, "quality", 1);
    private static readonly NetSpec SrQuality = new(ModelTask.SuperResolution, "quality", 2);
    private readonly bool _wasEnabled = Initialized();
    private readonly bool _netCheck = NetGradientCheck.Allowed = true; // this class tests the decision (OneDnnFault/NetCheckOff)

    [Theory]
    [InlineData(32, 3, 3, 1)]
    [InlineData(48, 12, 3, 1)]
    [InlineData(8, 3, 3, 2)]
    [InlineData(4, 27, 3, 1)]
    public void APaddedConvIsThePlainConvInValueAndEveryGradient(int cin, int cout, int kernel, int stride)
    {
        OneDnn.Enabled = false; // float32 on ATen's kernels here; float64 never goes through oneDNN
        int extra = AlignedConv.ExtraOutputs(cout, kernel);
        Assert.Equal(AlignedConv.Block - (cout % AlignedConv.Block), extra);
        foreach (var (dtype, tolerance) in new[] { (float64, 1e-13), (float32, 1e-6) })
        {
            using var scope = NewDisposeScope();
            var plain = Run(cin, cout, kernel, stride, dtype, 0);
            var padded = Run(cin, cout, kernel, stride, dtype, extra);
            Assert.Equal(plain[0].shape, padded[0].shape);
            for (int i = 0; i < plain.Length; i++)
            {
                double e = (padded[i] - plain[i]).abs().max().to(float64).item<double>() / plain[i].abs().max().to(float64).item<double>();
                Assert.True(e <= tolerance, $"{dtype} {new[] { "output", "input grad", "weight grad", "bias grad" }[i]}: {e:G3}");
            }

            Assert.Equal(cout, (int)plain[2].shape[0]); // the gradient is the parameter's own shape: nothing of the padding leaks
        }
    }

    [Fact]
    public void OnlyConvsWithAKernelAndUnalignedOutputsArePadded()
    {
        Assert.Equal(0, AlignedConv.ExtraOutputs(3, 1));
        Assert.Equal(0, AlignedConv.ExtraOutputs(48, 3));
        Assert.Equal(13, AlignedConv.ExtraOutputs(3, 3));
        Assert.Equal(4, AlignedConv.ExtraOutputs(12, 3));
        Assert.Equal(14, AlignedConv.ExtraOutputs(2, 2));
    }

    [Fact]
    public void TheQualityNetsPassTheirCheckAndKeepOneDnnWhereItIsRight()
    {
        foreach (var spec in new[] { DenoiseQuality, SrQuality })
        {
            OneDnn.Enabled = true; // as at start-up: the probe tries oneDNN first
            TorchRuntime.Recheck("auto", fault: null);
            var check = TorchRuntime.InitializeForTraining(null, spec).Arithmetic;
            output.WriteLine(check.ToString());
            Assert.True(check.Sound);
            Assert.True(check.NetError <= ConvGradientCheck.Tolerance, check.ToString());
            Assert.Equal(spec.ToString(), check.Net);

            // Where oneDNN's plain conv is wrong (this VM), the padded one must have been chosen and be on.
            Assert.Equal(check.OneDnnError is not null, check.Path == ConvPath.OneDnnAligned);
            Assert.Equal(check.Path == ConvPath.OneDnnAligned, AlignedConv.Enabled);
            Assert.True(OneDnn.Enabled);
        }
    }

    [Fact]
    public void AFaultOnlyInPlainOneDnnIsAvoidedByPaddingTheEdges()
    {
        var check = Decide(g => OneDnn.Enabled && !AlignedConv.Enabled ? zeros_like(g) : g, SrQuality);
        Assert.Equal(ConvPath.OneDnnAligned, check.Path);
        Assert.True(OneDnn.Enabled);
        Assert.True(AlignedConv.Enabled);
        Assert.Equal(1.0, check.OneDnnError!.Value, 6);
        Assert.StartsWith("conv: oneDNN with edge convs padded to 16 output channels (its plain float32 conv2d backward differed from float64 by 1 on this CPU); the sr ×2 quality net's float32 backward checked against float64 this way: ", check.ToString());
    }

    [Fact]
    public void AFaultThatPaddingDoesNotAvoidSwitchesOneDnnOff()
    {
        var check = Decide(g => OneDnn.Enabled ? zeros_like(g) : g, DenoiseQuality);
        Assert.Equal(ConvPath.OneDnnOffAfterFailure, check.Path);
        Assert.False(OneDnn.Enabled); // read back from ATen
        Assert.False(AlignedConv.Enabled);
        Assert.Equal(1.0, check.NetOneDnnError!.Value, 6);
        Assert.True(check.NetError <= ConvGradientCheck.Tolerance);
        Assert.StartsWith("conv: ATen kernels, oneDNN switched off: on this CPU the denoise quality net's float32 backward with oneDNN (edge convs padded) differed from float64 by 1 (relative), without it ", check.ToString());
    }

    [Fact]
    public void ANetWrongOnEveryPathRefusesToTrain()
    {
        // The probe convs pass (the fault spares their input gradients, [2, C, 4, 4]): only the net's check sees the fault.
        OneDnn.Enabled = true;
        Assert.True(TorchRuntime.Recheck("auto", g => g.shape is [2, _, 4, 4] ? g : zeros_like(g)).Sound); // oneDNN on or off: as this machine's probe says
        var refused = Assert.Throws<TrainerException>(() => TorchRuntime.InitializeForTraining(null, SrQuality));
        Assert.Equal(ConvPath.Broken, TorchRuntime.Initialize().Arithmetic.Path);
        Assert.StartsWith("refusing to train: conv: the sr ×2 quality net's float32 backward differs from float64 by 1 (relative) with oneDNN (edge convs padded) and by 1 with it switched off: this machine", refused.Message);
    }

    [Fact]
    public void OffByRequestChecksNothingMoreAndPadsNothing()
    {
        TorchRuntime.Recheck("off", fault: null);
        var check = TorchRuntime.InitializeForTraining(null, DenoiseQuality).Arithmetic;
        Assert.Equal(ConvPath.OneDnnOffByRequest, check.Path);
        Assert.False(OneDnn.Enabled);
        Assert.False(AlignedConv.Enabled);
    }

    /// <summary>Puts back the switch and the process's own check result for the tests that follow.</summary>
    public void Dispose()
    {
        NetGradientCheck.Allowed = !_netCheck;
        OneDnn.Enabled = _wasEnabled;
        TorchRuntime.Recheck(Environment.GetEnvironmentVariable(ConvGradientCheck.Variable), fault: null);
    }

    private ArithmeticCheck Decide(Func<Tensor, Tensor> fault, NetSpec spec)
    {
        OneDnn.Enabled = true;
        TorchRuntime.Recheck("auto", fault);
        var check = TorchRuntime.InitializeForTraining(null, spec).Arithmetic;
        output.WriteLine(check.ToString());
        return check;
    }

    private static Tensor[] Run(int cin, int cout, int kernel, int stride, ScalarType dtype, int extra)
    {
        using var gen = new Generator(5);
        var x = randn([2, cin, 9, 9], dtype, generator: gen).requires_grad_(true);
        var w = randn([cout, cin, kernel, kernel], dtype, generator: gen).requires_grad_(true);
        var b = randn([cout], dtype, generator: gen).requires_grad_(true);
        var y = AlignedConv.Conv2d(x, w, b, stride, kernel / 2, extra);
        using var g = randn(y.shape, dtype, generator: gen);
        (y * g).sum().backward();
        return [y.detach(), x.grad!, w.grad!, b.grad!];
    }

    private static bool Initialized()
    {
        TorchRuntime.Initialize();
        return OneDnn.Enabled;
    }
}
