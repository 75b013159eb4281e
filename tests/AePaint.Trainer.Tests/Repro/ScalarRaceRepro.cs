using AePaint.Trainer.Nets;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AePaint.Trainer.Tests.Repro;

// TEMPORARY repro (not for commit): Tensor ops that make an implicit Scalar, on 2 threads, while a third forces GCs.
public sealed class ScalarRaceRepro(ITestOutputHelper output)
{
    [Fact]
    public void ImplicitScalarsUnderForcedGc()
    {
        TorchRuntime.Initialize(1);
        int iterations = int.Parse(Environment.GetEnvironmentVariable("REPRO_N") ?? "20000");
        string mode = Environment.GetEnvironmentVariable("REPRO_MODE") ?? "add";
        using var stop = new CancellationTokenSource();
        var gc = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        gc.Start();
        int failures = 0;
        var messages = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, t =>
        {
            using var rep = new RepConv("r", 32, 32, identity: true);
            using var a = randn(32, 32, 3, 3);
            using var b = randn(32, 32, 3, 3);
            for (int i = 0; i < iterations; i++)
            {
                using var scope = NewDisposeScope();
                try
                {
                    switch (mode)
                    {
                        case "rep":
                            _ = rep.FusedKernel();
                            break;
                        case "mul":
                            _ = (a * 0.5) + (b * 2.0);
                            break;
                        default:
                            _ = a + b;
                            break;
                    }
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref failures);
                    var first = string.Join(" | ", e.Message.Split('\n').Take(3));
                    messages.AddOrUpdate(first, 1, (_, n) => n + 1);
                }
            }
        });
        stop.Cancel();
        gc.Join();
        output.WriteLine($"mode {mode}: {failures} failures in {2 * iterations} ops");
        foreach (var (m, n) in messages)
        {
            output.WriteLine($"  {n}× {m}");
        }

        Assert.Equal(0, failures);
    }
}
