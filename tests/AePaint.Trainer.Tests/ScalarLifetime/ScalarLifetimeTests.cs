using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.ScalarLifetime;

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
