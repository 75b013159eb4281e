using AePaint.Inference.Fallback;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>The policy's attempts, its reading of the real failure types and its words.</summary>
public sealed class FallbackPolicyTests
{
    private static readonly FallbackPolicy Policy = FallbackPolicy.Default;

    [Fact]
    public void AttemptsHalveTheTileOnTheAskedDeviceThenRepeatOnTheCpu()
    {
        Assert.Equal(
            ["Gpu at tile 512", "Gpu at tile 256", "Gpu at tile 128", "Gpu at tile 64", "Cpu at tile 512", "Cpu at tile 256", "Cpu at tile 128", "Cpu at tile 64"],
            Policy.Attempts(ExecutionDevice.Gpu, 512).Select(a => a.ToString()));
        Assert.Equal(["Cpu at tile 100", "Cpu at tile 64"], Policy.Attempts(ExecutionDevice.Cpu, 100).Select(a => a.ToString()));
        Assert.Equal(["Auto at tile 32", "Cpu at tile 32"], Policy.Attempts(ExecutionDevice.Auto, 32).Select(a => a.ToString()));
        Assert.Equal([200, 100], new FallbackPolicy { MinTileSize = 100 }.Attempts(ExecutionDevice.Cpu, 200).Select(a => a.TileSize));
    }

    public static TheoryData<string, bool, bool, FailureAction> Failures => new()
    {
        { "arena", true, true, FailureAction.RetrySmallerTiles },
        { "arena", false, true, FailureAction.RetrySmallerTiles },
        { "arena", true, false, FailureAction.RetryOnCpu },
        { "arena", false, false, FailureAction.GiveUp },
        { "dotnet-oom", true, false, FailureAction.RetryOnCpu },
        { "dotnet-oom", false, false, FailureAction.GiveUp },
        { "device-removed", true, true, FailureAction.RetryOnCpu }, // the session is gone: smaller tiles cannot help
        { "device-removed", false, true, FailureAction.GiveUp },
        { "device-hung", true, true, FailureAction.RetryOnCpu },
        { "no-provider", true, false, FailureAction.RetryOnCpu },
        { "no-runtime", false, false, FailureAction.GiveUp },
        { "bad-model", true, true, FailureAction.GiveUp },
        { "bad-image", true, true, FailureAction.GiveUp },
        { "cancelled", true, true, FailureAction.GiveUp },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void FailuresAreClassified(string kind, bool onGpu, bool canShrink, FailureAction expected)
    {
        Exception e = kind switch
        {
            "arena" => OrtFailures.ArenaOutOfMemory(),
            "dotnet-oom" => new InvalidOperationException("wrapped", new OutOfMemoryException()),
            "device-removed" => OrtFailures.DeviceRemoved(),
            "device-hung" => OrtFailures.DeviceHung(),
            "no-provider" => new EntryPointNotFoundException("Unable to find an entry point named 'OrtSessionOptionsAppendExecutionProvider_DML' in DLL 'onnxruntime'."),
            "no-runtime" => new TypeInitializationException("Microsoft.ML.OnnxRuntime.NativeMethods", new DllNotFoundException("onnxruntime")),
            "bad-model" => new ModelLoadException("m.onnx", "model file not found"),
            "bad-image" => new ArgumentException("The image is empty"),
            _ => new OperationCanceledException(),
        };
        Assert.Equal(expected, Policy.Classify(e, onGpu, canShrink));
    }

    [Fact]
    public void NextSkipsToTheFirstCpuAttemptOrEnds()
    {
        var attempts = Policy.Attempts(ExecutionDevice.Gpu, 256); // GPU 256 128 64, CPU 256 128 64
        Assert.Equal(1, Policy.Next(attempts, 0, FailureAction.RetrySmallerTiles));
        Assert.Equal(3, Policy.Next(attempts, 0, FailureAction.RetryOnCpu));
        Assert.Null(Policy.Next(attempts, 2, FailureAction.RetrySmallerTiles)); // the smallest GPU tile: the CPU is RetryOnCpu's
        Assert.Null(Policy.Next(attempts, 3, FailureAction.RetryOnCpu));
        Assert.Null(Policy.Next(attempts, 5, FailureAction.RetrySmallerTiles));
        Assert.Null(Policy.Next(attempts, 0, FailureAction.GiveUp));
    }

    [Fact]
    public void NoticesSayWhatHappensNext()
    {
        var gpu = new Attempt(ExecutionDevice.Gpu, 1024);
        Assert.Equal(
            "The graphics card ran out of memory at tile 1024: retrying at tile 512.",
            Policy.StepNotice(gpu, gpu with { TileSize = 512 }, FailureAction.RetrySmallerTiles, OrtFailures.ArenaOutOfMemory(), onGpu: true));
        Assert.Equal(
            "AePaint ran out of memory at tile 1024: retrying at tile 512.",
            Policy.StepNotice(gpu, gpu with { TileSize = 512 }, FailureAction.RetrySmallerTiles, new OutOfMemoryException(), onGpu: false));
        Assert.StartsWith(
            "The graphics card ran out of memory at tile 64: retrying on the CPU (slower",
            Policy.StepNotice(gpu with { TileSize = 64 }, new Attempt(ExecutionDevice.Cpu, 1024), FailureAction.RetryOnCpu, OrtFailures.ArenaOutOfMemory(), onGpu: true),
            StringComparison.Ordinal);
        Assert.StartsWith(
            "AePaint ran on the CPU because the GPU could not be used: GPU (DirectML) failed, using the CPU instead: OnnxRuntimeException: ",
            Policy.StepNotice(gpu, new Attempt(ExecutionDevice.Cpu, 1024), FailureAction.RetryOnCpu, OrtFailures.DeviceRemoved(), onGpu: true),
            StringComparison.Ordinal);
    }

    [Fact]
    public void LoadNoticeOnlyWhenTheGraphicsCardWasOfferedAndNotUsed()
    {
        Assert.Null(Policy.LoadNotice(ExecutionDevice.Cpu, "CPU", "x", directMLBuild: true));
        Assert.Null(Policy.LoadNotice(ExecutionDevice.Gpu, "DirectML", null, directMLBuild: true));
        Assert.Null(Policy.LoadNotice(ExecutionDevice.Auto, "CPU", "no DirectML", directMLBuild: false));
        Assert.Equal("AePaint ran on the CPU because the GPU could not be used: driver fault", Policy.LoadNotice(ExecutionDevice.Auto, "CPU", "driver fault", directMLBuild: true));
        Assert.NotNull(Policy.LoadNotice(ExecutionDevice.Gpu, "CPU", "no DirectML", directMLBuild: false));
        Assert.Equal("AePaint ran on the graphics card: RTX (DirectML 1.15.4).", Policy.GpuNotice("DirectML", "RTX (DirectML 1.15.4)"));
        Assert.Null(Policy.GpuNotice("CPU", "CPU"));
    }
}
