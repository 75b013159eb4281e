using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// The trainer's conv2d. With <see cref="Enabled"/> (set by the start-up decision, <see cref="NetGradientCheck"/>), a
/// conv with a kernel larger than 1×1 whose output channels are not a multiple of <see cref="Block"/> runs with its
/// weight and bias zero-padded to the next multiple and its output sliced back: libtorch 2.10's oneDNN 3.7.1 computes
/// the input gradient of such a conv wrong on some VMs (trainer/README, "oneDNN with aligned edge convs"), and of the
/// quality nets only the edges (3 output channels, 3·s² before the pixel shuffle) have such shapes. The padding is
/// differentiable and lives only in the forward: parameters, checkpoints and the ONNX export are unchanged.
/// </summary>
internal static class AlignedConv
{
    /// <summary>oneDNN's channel block for float32 on AVX-512.</summary>
    public const int Block = 16;

    /// <summary>Whether convs in the bad class run padded (only worth it, and only set, while oneDNN is on).</summary>
    public static bool Enabled { get; set; }

    /// <summary>How many zero output channels <see cref="Conv2d"/> adds to a conv of this shape while enabled.</summary>
    public static int ExtraOutputs(long outputs, long kernel) => kernel > 1 && outputs % Block != 0 ? (int)(Block - (outputs % Block)) : 0;

    /// <summary>conv2d(x, weight, bias), padded as the class comment says when <see cref="Enabled"/>.</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, long stride, long padding) =>
        Conv2d(x, weight, bias, stride, padding, Enabled ? ExtraOutputs(weight.shape[0], weight.shape[2]) : 0);

    /// <summary>conv2d with <paramref name="extra"/> zero output channels added to the weight and sliced off the output.</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, long stride, long padding, int extra)
    {
        if (extra == 0)
        {
            return nn.functional.conv2d(x, weight, bias, strides: [stride, stride], padding: [padding, padding]);
        }

        using var scope = NewDisposeScope();
        var w = nn.functional.pad(weight, [0, 0, 0, 0, 0, 0, 0, extra]);
        var b = bias is null ? null : nn.functional.pad(bias, [0, extra]);
        var y = nn.functional.conv2d(x, w, b, strides: [stride, stride], padding: [padding, padding]);
        var sliced = y.narrow(1, 0, weight.shape[0]);
        return (ChannelsLast.Is(x) ? ChannelsLast.Of(sliced) : sliced.contiguous()).MoveToOuterDisposeScope(); // keep the caller's layout
    }
}
