using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// The NHWC ("channels_last") memory layout of 4-D tensors, which libtorch's oneDNN convolutions can run without
/// reordering to and from their blocked layouts. TorchSharp 0.107 has a <c>memory_format</c> enum but no
/// <c>contiguous(memory_format)</c> or <c>to(memory_format)</c>; the layout is only a choice of strides, so a permute to
/// NHWC, a copy and a permute back give the same tensor libtorch's <c>contiguous(channels_last)</c> does.
/// </summary>
internal static class ChannelsLast
{
    /// <summary>A new tensor equal to <paramref name="t"/>, laid out channels-last (a 4-D one; any other is copied as it is).</summary>
    public static Tensor Of(Tensor t)
    {
        if (t.dim() != 4)
        {
            return t.clone();
        }

        using var nhwc = t.permute(0, 2, 3, 1);
        using var dense = nhwc.contiguous();
        return dense.permute(0, 3, 1, 2);
    }

    /// <summary>Whether a 4-D tensor is laid out channels-last (dense, channel stride 1).</summary>
    public static bool Is(Tensor t)
    {
        if (t.dim() != 4)
        {
            return false;
        }

        var s = t.stride();
        long c = t.shape[1], w = t.shape[3];
        return s[1] == 1 && s[3] == c && s[2] == c * w && s[0] == c * w * t.shape[2];
    }

    /// <summary>Re-lays every 4-D parameter (the conv weights) of <paramref name="module"/> channels-last, in place (same parameter objects, so optimizers built before or after both see them).</summary>
    public static void Convert(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var p in module.parameters().Where(p => p.dim() == 4))
        {
            using var nhwc = Of(p);
            p.set_(nhwc);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> with every channels-last parameter of <paramref name="module"/> re-laid contiguous
    /// (NCHW) in place, then lays those channels-last again. For TorchSharp's module reader and writer, which copy a
    /// tensor's storage as it lies and refuse a non-contiguous one ("Bytes() called on non-contiguous tensor"): so a
    /// channels-last net is written and read in the NCHW format every other net uses.
    /// </summary>
    public static void WhileContiguous(nn.Module module, Action action)
    {
        var relaid = module.parameters().Where(p => p.dim() == 4 && !p.is_contiguous()).ToList();
        using (no_grad())
        {
            foreach (var p in relaid)
            {
                using var nchw = p.contiguous();
                p.set_(nchw);
            }
        }

        try
        {
            action();
        }
        finally
        {
            using var noGrad = no_grad();
            foreach (var p in relaid)
            {
                using var nhwc = Of(p);
                p.set_(nhwc);
            }
        }
    }
}
