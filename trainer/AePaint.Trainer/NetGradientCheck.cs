using AePaint.Inference.Cards;
using AePaint.Trainer.Nets;
using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer;

/// <summary>
/// The start-up decision for one net: one float32 forward + backward of a fresh copy of the net being trained (small
/// fixed input) against the same in float64, compared on every parameter's gradient. oneDNN stays on only when that
/// agrees: plainly when <see cref="ConvGradientCheck"/>'s probe passed; else (and if plain fails) with
/// <see cref="AlignedConv"/>'s padded edge convs; else oneDNN goes off and the net is checked again without it.
/// </summary>
internal static class NetGradientCheck
{
    /// <summary>
    /// Whether a net's check may switch oneDNN back on (true in the trainer). The decision holds for the whole process,
    /// and on a faulty VM a conv outside the checked net in a bad shape then runs on the broken kernels (the trainer
    /// test host, where many nets and commands share one process, aborted that way): the test assembly turns this off
    /// except for the tests of the decision itself.
    /// </summary>
    internal static bool Allowed { get; set; } = true;

    /// <summary>Decides the conv path for <paramref name="net"/> from the probe's result; sets ATen's switch and <see cref="AlignedConv.Enabled"/> to match.</summary>
    public static ArithmeticCheck Decide(ArithmeticCheck probe, NetSpec net, Func<Tensor, Tensor>? fault = null)
    {
        if (probe.Path is ConvPath.OneDnnOffByRequest or ConvPath.Broken || !Allowed)
        {
            AlignedConv.Enabled = false;
            return probe;
        }

        string name = net.ToString();
        double? plain = null;
        if (probe.Path == ConvPath.OneDnn)
        {
            AlignedConv.Enabled = false;
            if (OneDnn.Switchable)
            {
                OneDnn.Enabled = true; // an earlier net of this process may have switched it off
            }

            plain = RelativeError(net, fault);
            if (plain <= ConvGradientCheck.Tolerance)
            {
                return probe with { Net = name, NetError = plain };
            }
        }

        if (OneDnn.Switchable)
        {
            OneDnn.Enabled = true;
            AlignedConv.Enabled = true;
            double aligned = RelativeError(net, fault);
            if (aligned <= ConvGradientCheck.Tolerance)
            {
                return new ArithmeticCheck(ConvPath.OneDnnAligned, probe.Error, probe.OneDnnError ?? plain, name, aligned);
            }

            AlignedConv.Enabled = false;
            OneDnn.Enabled = false;
            double off = RelativeError(net, fault);
            return new ArithmeticCheck(off <= ConvGradientCheck.Tolerance ? ConvPath.OneDnnOffAfterFailure : ConvPath.Broken, probe.Error, probe.OneDnnError, name, off, aligned);
        }

        return probe with { Path = ConvPath.Broken, Net = name, NetError = plain };
    }

    /// <summary>
    /// max over the net's parameters of |float32 − float64 gradient| relative to that parameter's largest float64
    /// gradient; +∞ for NaN. <paramref name="fault"/> (tests) rewrites each float32 gradient, as a broken kernel would.
    /// A <see cref="NetSpec.ChannelsLast"/> spec runs the float32 net with its weights and input laid out channels-last,
    /// as that training does.
    /// </summary>
    public static double RelativeError(NetSpec spec, Func<Tensor, Tensor>? fault = null)
    {
        using var scope = NewDisposeScope();
        using var net32 = TrainableNet.Create(spec.Task, spec.Preset, spec.Scale, seed: 7);
        using var net64 = TrainableNet.Create(spec.Task, spec.Preset, spec.Scale, seed: 7);
        net64.Module.to(float64);

        // Fixed smooth values instead of random ones: the check must not touch the global generator seeded runs rely on.
        int channels = spec.Task == ModelTask.Denoise ? 4 : 3, side = Math.Max(16, 2 * net32.MultipleOf), outSide = side * net32.Scale;
        var x = TensorMath.Arange(2 * channels * side * side, float64).Times(0.37).sin().reshape(2, channels, side, side);
        var g = TensorMath.Arange(2 * 3 * outSide * outSide, float64).Times(0.71).sin().reshape(2, 3, outSide, outSide);
        Backward(net64, x, g);
        var x32 = x.to(float32);
        if (spec.ChannelsLast)
        {
            ChannelsLast.Convert(net32.Module);
            x32 = ChannelsLast.Of(x32);
        }

        Backward(net32, x32, g.to(float32));

        double worst = 0;
        foreach (var (p32, p64) in net32.Module.parameters().Zip(net64.Module.parameters()))
        {
            var g32 = fault is null ? p32.grad! : fault(p32.grad!);
            worst = GradientError.Worst(worst, GradientError.Relative(g32, p64.grad!));
        }

        return worst;
    }

    private static void Backward(TrainableNet net, Tensor x, Tensor g) => (net.Module.forward(x) * g).sum().backward();
}
