using AePaint.Trainer.Training;
using static TorchSharp.torch;

namespace AePaint.Trainer;

/// <summary>
/// The trainer's arithmetic self-check: tiny conv2d backwards (x[2,C,4,4], 3×3, padding 1; C → 3 or 12 channels) in float32
/// against the same in float64. Output channels that are not a multiple of oneDNN's channel block are the case in which
/// libtorch 2.10's bundled oneDNN 3.7.1 has been seen to zero or NaN the input gradient on VMs whose CPUID reports no
/// cache sizes (forward right, training silently wrong); float64 never goes through oneDNN. On disagreement oneDNN is
/// switched off for the process and the check repeated; a machine that passes keeps oneDNN.
/// </summary>
internal static class ConvGradientCheck
{
    /// <summary>Environment variable: "off" forces oneDNN off; unset, empty or "auto" lets the check decide.</summary>
    public const string Variable = "AEPAINT_MKLDNN";

    /// <summary>Largest allowed |float32 − float64| relative to the largest float64 gradient (float32 rounding is ~1e-7).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>
    /// Runs the check under the <see cref="Variable"/> setting <paramref name="setting"/>. <paramref name="fault"/>
    /// (tests) rewrites the float32 input gradient before the comparison, as a broken kernel would.
    /// </summary>
    public static ArithmeticCheck Run(string? setting, Func<Tensor, Tensor>? fault = null)
    {
        bool forceOff = (setting?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "auto" => false,
            "off" => true,
            _ => throw new TrainerException($"{Variable}={setting}: use off (oneDNN off) or auto (the start-up check decides)"),
        };
        if (forceOff)
        {
            OneDnn.Enabled = false;
        }

        Nets.AlignedConv.Enabled = false; // the probe judges plain oneDNN; NetGradientCheck decides on the padding

        double error = RelativeError(fault);
        if (error <= Tolerance)
        {
            return new ArithmeticCheck(forceOff ? ConvPath.OneDnnOffByRequest : OneDnn.Enabled ? ConvPath.OneDnn : ConvPath.OneDnnOffAfterFailure, error, null);
        }

        if (!OneDnn.Enabled || !OneDnn.Switchable)
        {
            return new ArithmeticCheck(ConvPath.Broken, error, null);
        }

        OneDnn.Enabled = false;
        double without = RelativeError(fault);
        return new ArithmeticCheck(without <= Tolerance ? ConvPath.OneDnnOffAfterFailure : ConvPath.Broken, without, error);
    }

    /// <summary>
    /// max |float32 − float64| over the input and weight gradients, relative to their largest float64 value; +∞ for NaN.
    /// The faulty kernels read memory they do not own, so one probe can come out right by chance (1 run in 6 on the VM of
    /// trainer/README): the check runs three unaligned shapes three times each and keeps the worst.
    /// </summary>
    public static double RelativeError(Func<Tensor, Tensor>? fault = null)
    {
        double worst = 0;
        for (int round = 0; round < Rounds; round++)
        {
            foreach (var (cin, cout) in Shapes)
            {
                worst = GradientError.Worst(worst, RelativeError(cin, cout, fault));
            }
        }

        return worst;
    }

    private const int Rounds = 3;

    /// <summary>(input, output) channels: output counts that are not a multiple of oneDNN's channel block, as the nets' edges have.</summary>
    private static readonly (int In, int Out)[] Shapes = [(8, 3), (32, 3), (48, 12)];

    private static double RelativeError(int cin, int cout, Func<Tensor, Tensor>? fault)
    {
        using var scope = NewDisposeScope();

        // Fixed smooth values instead of random ones: the check must not touch the global generator seeded runs rely on.
        var x = TensorMath.Arange(2 * cin * 4 * 4, float64).Times(0.37).sin().reshape(2, cin, 4, 4);
        var w = TensorMath.Arange(cout * cin * 3 * 3, float64).Times(0.53).cos().reshape(cout, cin, 3, 3).Times(0.2);
        var g = TensorMath.Arange(2 * cout * 4 * 4, float64).Times(0.71).sin().reshape(2, cout, 4, 4);
        var (x64, w64) = Gradients(x, w, g);
        var (x32, w32) = Gradients(x.to(float32), w.to(float32), g.to(float32));
        if (fault is not null)
        {
            x32 = fault(x32);
        }

        return GradientError.Worst(GradientError.Relative(x32, x64), GradientError.Relative(w32, w64));
    }

    private static (Tensor Input, Tensor Weight) Gradients(Tensor x, Tensor w, Tensor g)
    {
        x = x.detach().requires_grad_(true);
        w = w.detach().requires_grad_(true);
        (Nets.AlignedConv.Conv2d(x, w, null, 1, 1) * g).sum().backward(); // the trainer's conv as currently set
        return (x.grad!, w.grad!);
    }
}
