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

    /// <summary>
    /// The scan's reach, shown on this test assembly: the reference runs of TorchSharp's optimizers are found (their
    /// step() is reached only through a virtual call), and so is a number converted beside an unrelated `using`.
    /// </summary>
    [Fact]
    public void TheScanFindsTorchSharpsOptimizersAndAConversionBesideAnotherUsing()
    {
        var found = new UnrootedScalars().In(typeof(ScalarLifetimeTests).Assembly).ToList();
        foreach (var f in found)
        {
            output.WriteLine(f);
        }

        Assert.Contains(found, f => f.Contains(nameof(Training.AdamWTests), StringComparison.Ordinal) && f.Contains("TorchSharp's AdamW, whose step()", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains(nameof(Training.AdamWTests), StringComparison.Ordinal) && f.Contains("TorchSharp's Adam, whose step()", StringComparison.Ordinal));
        Assert.Contains($"{typeof(ScalarLifetimeTests).FullName}.{nameof(UnrootedBesideAUsing)}: converts a number to a Scalar it never disposes", found);
    }

    /// <summary>
    /// The trainer's tests share the test host with the training tests, so a Scalar freed under one of them crashes
    /// them all: they too make none, apart from the reference runs of TorchSharp's optimizers (kept in a no-GC region)
    /// and the specimen below.
    /// </summary>
    [Fact]
    public void TrainerTestsMakeNoUnrootedScalarsOutsideTheReferenceRuns()
    {
        var found = new UnrootedScalars().In(typeof(ScalarLifetimeTests).Assembly)
            .Where(f => !(f.StartsWith(typeof(Training.AdamWTests).FullName + ".", StringComparison.Ordinal) && f.Contains("TorchSharp's Adam", StringComparison.Ordinal)))
            .Where(f => !f.Contains(nameof(UnrootedBesideAUsing), StringComparison.Ordinal))
            .ToList();
        foreach (var f in found)
        {
            output.WriteLine(f);
        }

        Assert.Empty(found);
    }

    /// <summary>What the scan must catch: a Scalar made beside a `using` of something else (here a no_grad).</summary>
    private static TorchSharp.torch.Tensor UnrootedBesideAUsing(TorchSharp.torch.Tensor t)
    {
        using var noGrad = TorchSharp.torch.no_grad();
        return t.mul_(0.5);
    }
}
