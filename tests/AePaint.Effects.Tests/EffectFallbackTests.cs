using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;
using static AePaint.Effects.Tests.Pixels;

namespace AePaint.Effects.Tests;

/// <summary>Tests that replace the process's <see cref="SessionBackend"/> run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionBackendCollection
{
    public const string Name = "session backend";
}

/// <summary>
/// The effect runs its model through the fallback policy: failures injected where ONNX Runtime raises them
/// (<see cref="FailingBackend"/>), then the next attempt succeeds; the result is the CPU's and the user is told.
/// </summary>
[Collection(SessionBackendCollection.Name)]
public sealed class EffectFallbackTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ModelSessionCache _sessions = new();
    private readonly string _box;
    private readonly Bgra8Image _photo = TestImages.Random(200, 150, seed: 3);

    public EffectFallbackTests() => _box = TestModels.BoxBlur(_dir.Path, layers: 3);

    public void Dispose()
    {
        SessionBackend.Current = new SessionBackend();
        _sessions.Dispose();
        _dir.Dispose();
    }

    private Bgra8Image CpuResult(int? tile = null)
    {
        using var cpu = ModelSession.Open(_box, ExecutionDevice.Cpu);
        return TiledRunner.Run(cpu, _photo, new RunSettings { TileSize = tile }).Image;
    }

    private List<string> Delivered(EffectRun run)
    {
        var host = new RecordingHost();
        new RunFeedback(_dir.File("png")).Deliver(run, host);
        return host.Notices;
    }

    [Fact]
    public void Graphics_card_out_of_memory_at_every_tile_size_finishes_on_the_cpu_and_says_so()
    {
        var backend = new FailingBackend((device, side, _) => device == "GPU" && side > 16 ? OrtFailures.ArenaOutOfMemory() : null);
        SessionBackend.Current = backend;
        var run = EffectRun.Denoise(new DenoiseSettings(_box, Device: ExecutionDevice.Gpu), new MemorySource(_photo), SelectionInfo.WholeLayer(200, 150), _sessions);

        var rendered = RenderAll(run);

        Assert.Equal(CpuResult().Data, rendered.Data);
        Assert.Equal(5, backend.Runs.Count(r => r.StartsWith("GPU", StringComparison.Ordinal) && r.EndsWith("OnnxRuntimeException", StringComparison.Ordinal))); // 768, 384, 192, 96, 64
        var notice = Assert.Single(Delivered(run));
        Assert.StartsWith("The graphics card ran out of memory at tile 64: retrying on the CPU (slower", notice, StringComparison.Ordinal);
        Assert.Contains("ran out of memory at tile 768: retrying at tile 384.", run.NoticeDetails, StringComparison.Ordinal);
        Assert.Equal(4, run.Report!.OutOfMemoryRetries);
    }

    [Fact]
    public void Device_removed_in_the_middle_of_per_tile_rendering_moves_to_the_cpu_for_the_rest()
    {
        var backend = new FailingBackend((device, _, n) => device == "GPU" && n == 2 ? OrtFailures.DeviceRemoved() : null); // run 0 is the probe
        SessionBackend.Current = backend;
        var run = EffectRun.Denoise(new DenoiseSettings(_box, Device: ExecutionDevice.Gpu, TileSize: 128), new MemorySource(_photo), SelectionInfo.WholeLayer(200, 150), _sessions, perTile: true);

        var rendered = RenderAll(run, tile: 64); // the second model window fails

        Assert.Equal(CpuResult(128).Data, rendered.Data); // GPU and CPU windows alike: the fake GPU is the CPU runtime
        Assert.Equal(2, backend.Runs.Count(r => r.StartsWith("GPU", StringComparison.Ordinal) && r.EndsWith("ok", StringComparison.Ordinal)));
        Assert.Single(backend.Runs, r => r.EndsWith("OnnxRuntimeException", StringComparison.Ordinal));
        var notice = Assert.Single(Delivered(run));
        Assert.StartsWith("AePaint ran on the CPU because the GPU could not be used: GPU (DirectML) failed, using the CPU instead: OnnxRuntimeException:", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graphics_card_that_works_is_named()
    {
        SessionBackend.Current = new FailingBackend((_, _, _) => null);
        var run = EffectRun.Denoise(new DenoiseSettings(_box, Device: ExecutionDevice.Gpu), new MemorySource(_photo), SelectionInfo.WholeLayer(200, 150), _sessions);
        run.Compute();
        Assert.Equal([$"AePaint ran on the graphics card: {FailingBackend.GpuName}."], Delivered(run));
    }
}
