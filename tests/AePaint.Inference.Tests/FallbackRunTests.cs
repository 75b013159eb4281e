using AePaint.Imaging;
using AePaint.Inference.Fallback;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>
/// A run walking the policy's attempts on real ONNX Runtime sessions, with the failures injected where the runtime
/// raises them (<see cref="FailingBackend"/>: session creation and each window's run).
/// </summary>
[Collection(SessionBackendCollection.Name)]
public sealed class FallbackRunTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ModelSessionCache _sessions = new();
    private readonly string _box;
    private readonly Bgra8Image _input = TestImages.Random(300, 200, seed: 7);

    public FallbackRunTests() => _box = TestModels.BoxBlur(_dir.Path, 2);

    public void Dispose()
    {
        SessionBackend.Current = new SessionBackend();
        _sessions.Dispose();
        _dir.Dispose();
    }

    private FallbackRun Start(FailingBackend backend, ExecutionDevice device = ExecutionDevice.Gpu, int tile = 512)
    {
        SessionBackend.Current = backend;
        return new FallbackRun(FallbackPolicy.Default, device, tile, d => _sessions.Get(_box, d));
    }

    /// <summary>The runs of image windows (the 16-pixel probe every session runs when it opens left out).</summary>
    private static List<string> Windows(FailingBackend backend) => [.. backend.Runs.Where(r => !r.Contains(" 16 ", StringComparison.Ordinal))];

    private Bgra8Image Reference(int tile)
    {
        using var cpu = ModelSession.Open(_box, ExecutionDevice.Cpu);
        return TiledRunner.Run(cpu, _input, new RunSettings { TileSize = tile }).Image;
    }

    [Fact]
    public void GpuOutOfMemoryShrinksTheTileUntilItFits()
    {
        var backend = new FailingBackend((device, side, _) => side > 160 ? OrtFailures.ArenaOutOfMemory() : null);
        var run = Start(backend);
        var (output, report) = run.Run(_input, new RunSettings());

        var windows = Windows(backend);
        Assert.Equal(["GPU 300 OnnxRuntimeException", "GPU 300 OnnxRuntimeException"], windows.Take(2));
        Assert.All(windows.Skip(2), r => Assert.Matches("^GPU [0-9]+ ok$", r));
        Assert.Equal(128, report.TileSize);
        Assert.Equal(2, report.OutOfMemoryRetries);
        Assert.Equal(
            ["The graphics card ran out of memory at tile 512: retrying at tile 256.", "The graphics card ran out of memory at tile 256: retrying at tile 128."],
            run.Steps.Select(s => s.Notice));
        Assert.Equal(Reference(128).Data, output.Data);
        Assert.Equal("DirectML", run.OpenedSession!.Provider);
    }

    [Fact]
    public void GpuOutOfMemoryAtTheSmallestTileFinishesOnTheCpuAndStaysThere()
    {
        var backend = new FailingBackend((device, side, _) => device == "GPU" && side > 16 ? new OutOfMemoryException() : null);
        var run = Start(backend, tile: 128);
        var (output, report) = run.Run(_input, new RunSettings());

        Assert.Equal(["GPU 152 OutOfMemoryException", "GPU 64 OutOfMemoryException", "CPU 152 ok"], Windows(backend).Take(3));
        Assert.Equal(new Attempt(ExecutionDevice.Cpu, 128), run.Current);
        Assert.Equal([FailureAction.RetrySmallerTiles, FailureAction.RetryOnCpu], run.Steps.Select(s => s.Action));
        Assert.StartsWith("The graphics card ran out of memory at tile 64: retrying on the CPU", run.Steps[1].Notice, StringComparison.Ordinal);
        Assert.Equal(128, report.TileSize);
        Assert.Equal(1, report.OutOfMemoryRetries);
        Assert.Equal(Reference(128).Data, output.Data);
        Assert.Equal("CPU", run.OpenedSession!.Provider);

        int before = backend.Runs.Count;
        var (_, next) = run.Run(_input, new RunSettings()); // the next image of a batch: straight to the CPU
        Assert.Equal(0, next.OutOfMemoryRetries);
        Assert.All(backend.Runs.Skip(before), r => Assert.StartsWith("CPU", r, StringComparison.Ordinal));
        Assert.Equal(2, run.Steps.Count);
    }

    [Fact]
    public void ARemovedDeviceGoesStraightToTheCpuAtTheSameTile()
    {
        var backend = new FailingBackend((device, _, n) => device == "GPU" && n == 3 ? OrtFailures.DeviceRemoved() : null); // the probe is run 0
        var run = Start(backend, tile: 128);
        var (output, _) = run.Run(_input, new RunSettings());

        Assert.Equal(["GPU 152 ok", "GPU 152 ok", "GPU 152 OnnxRuntimeException", "CPU 152 ok"], Windows(backend).Take(4));
        var step = Assert.Single(run.Steps);
        Assert.Equal(FailureAction.RetryOnCpu, step.Action);
        Assert.StartsWith("AePaint ran on the CPU because the GPU could not be used: GPU (DirectML) failed", step.Notice, StringComparison.Ordinal);
        Assert.Equal(Reference(128).Data, output.Data);
    }

    [Fact]
    public void TheCpuOutOfMemoryAtTheSmallestTileGivesUpWithTheRuntimesException()
    {
        var oom = OrtFailures.ArenaOutOfMemory();
        var backend = new FailingBackend((_, side, _) => side > 16 ? oom : null);
        var run = Start(backend, ExecutionDevice.Cpu, tile: 128);
        // One window at a time, so each attempt runs exactly one (side by side, the other lane's window may be in flight).
        Assert.Same(oom, Assert.Throws<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(() => run.Run(_input, new RunSettings { SideBySide = 1 })));
        Assert.Equal(["CPU 152 OnnxRuntimeException", "CPU 64 OnnxRuntimeException"], Windows(backend));
    }

    [Fact]
    public void OutOfMemoryWhileTheGraphicsCardOpensTheModelGoesToTheCpu()
    {
        var backend = new FailingBackend((device, _, _) => device == "GPU" ? OrtFailures.ArenaOutOfMemory() : null);
        var run = Start(backend);
        Assert.Equal("CPU", run.Session.Provider); // what a host reads the card from before its first run
        var (output, _) = run.Run(_input, new RunSettings());
        Assert.Equal(["GPU 16 OnnxRuntimeException", "CPU 16 ok"], backend.Runs.Take(2));
        Assert.Equal(FailureAction.RetryOnCpu, Assert.Single(run.Steps).Action);
        Assert.Equal(Reference(512).Data, output.Data);
    }

    [Fact]
    public void AGraphicsCardThatCannotLoadTheModelIsOneStepToTheCpu()
    {
        var backend = new FailingBackend((_, _, _) => null, gpuLoadFailure: new GpuUnavailableException("DirectML.dll is missing from the plugin folder"));
        var run = Start(backend);
        var (output, _) = run.Run(_input, new RunSettings());

        var step = Assert.Single(run.Steps);
        Assert.Equal("AePaint ran on the CPU because the GPU could not be used: DirectML.dll is missing from the plugin folder", step.Notice);
        Assert.Null(step.Cause);
        Assert.All(backend.Runs, r => Assert.StartsWith("CPU", r, StringComparison.Ordinal));
        Assert.Equal(Reference(512).Data, output.Data);
    }

    [Fact]
    public void ABadImageOrACancelIsNotRetried()
    {
        var backend = new FailingBackend((_, _, _) => null);
        var run = Start(backend, tile: 64);
        Assert.Throws<ArgumentException>(() => run.Run(new Bgra8Image(0, 0), new RunSettings()));
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => run.Run(_input, new RunSettings(), _ => cancel.Cancel(), cancel.Token));
        Assert.Empty(run.Steps);
        Assert.Equal(new Attempt(ExecutionDevice.Gpu, 64), run.Current);
    }
}
