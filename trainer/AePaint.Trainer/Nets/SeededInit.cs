using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Nets;

/// <summary>
/// Re-draws every weight of a freshly built net from its own generator, so the same seed gives the same net even
/// when other code (a parallel test, a VAE's sampling) is drawing from torch's process-wide generator at the same
/// time — <c>manual_seed</c> then construction was a race. Same distribution as torch's Conv2d default
/// (kaiming_uniform with a = √5 and its bias rule: both U(−1/√fan_in, 1/√fan_in)).
/// </summary>
internal static class SeededInit
{
    public static void Apply(nn.Module net, long seed)
    {
        using var generator = new Generator(unchecked((ulong)seed));
        using var _ = no_grad();
        foreach (var (name, module) in net.named_modules())
        {
            if (module is Conv2d conv)
            {
                var w = conv.weight!;
                double bound = 1.0 / Math.Sqrt(w.shape[1] * w.shape[2] * w.shape[3]);
                Draw(w, bound, generator);
                if (conv.bias is { } b)
                {
                    Draw(b, bound, generator);
                }
            }
            else if (module.named_parameters(recurse: false).Any())
            {
                throw new InvalidOperationException($"SeededInit does not know how to initialise '{name}' ({module.GetType().Name})");
            }
        }
    }

    // torch.rand with an explicit generator (nn.init.uniform_'s generator argument was not honoured in 0.107).
    private static void Draw(Tensor p, double bound, Generator generator)
    {
        // Each temporary in a using: held (not finalizable) while libtorch reads it, freed at once.
        using var u = rand(p.shape, dtype: p.dtype, generator: generator);
        using var scaled = u.Times(2 * bound);
        using var shifted = scaled.Minus(bound);
        p.copy_(shifted);
    }
}
