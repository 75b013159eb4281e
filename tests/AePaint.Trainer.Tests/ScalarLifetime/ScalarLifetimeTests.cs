using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.ScalarLifetime;

/// <summary>
/// The intermittent c10 "toFloat" failure in RepConv.FusedKernel (one CI run in five): TorchSharp's Tensor + Tensor
/// passed libtorch a Scalar that the finalizer could free mid-call once another thread started a GC. A stress loop
/// shows it only now and then (19–33 failures in 100,000 calls with a thread forcing GCs, none in 40,000 on a busier
/// machine), so the guard reads the trainer's IL instead: no call that makes a Scalar nothing keeps alive.
/// </summary>
public sealed class ScalarLifetimeTests(ITestOutputHelper output)
{
    [Fact]
    public void TrainerMakesNoUnrootedScalars()
    {
        var found = new UnrootedScalars().In(typeof(TorchRuntime).Assembly).ToList();
        foreach (var f in found)
        {
            output.WriteLine(f);
        }

        Assert.Empty(found);
    }
}
