using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>Tests that replace the process's <see cref="SessionBackend"/> run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionBackendCollection
{
    public const string Name = "session backend";
}

/// <summary>
/// `aepaint denoise` runs through the same fallback policy as the effect: failures injected where ONNX Runtime raises
/// them (<see cref="FailingBackend"/>), each step printed, the result the one the next attempt produced.
/// </summary>
[Collection(SessionBackendCollection.Name)]
public sealed class CliFallbackTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _box;

    public CliFallbackTests() => _box = TestModels.BoxBlur(_dir.Path, 2);

    public void Dispose()
    {
        SessionBackend.Current = new SessionBackend();
        _dir.Dispose();
    }

    private string Photo(string name, int seed)
    {
        var path = _dir.File(name);
        ImageFile.Save(path, TestImages.Random(150, 100, seed: seed), null, new SaveOptions());
        return path;
    }

    private Bgra8Image CpuResult(string photo)
    {
        using var cpu = ModelSession.Open(_box, ExecutionDevice.Cpu);
        return TiledRunner.Run(cpu, ImageFile.Load(photo), new RunSettings()).Image;
    }

    [Fact]
    public void Graphics_card_out_of_memory_retries_smaller_tiles_then_the_cpu_and_says_each_step()
    {
        var photo = Photo("photo.png", 1);
        var backend = new FailingBackend((device, side, _) => device == "GPU" && side > 16 ? OrtFailures.ArenaOutOfMemory() : null);
        SessionBackend.Current = backend;

        var (exit, output, err) = CliRunner.Run("denoise", photo, "-m", _box, "-g", "gpu", "-o", _dir.File("out.png"));

        Assert.True(exit == 0, err);
        Assert.Equal(
            [
                "aepaint: note: The graphics card ran out of memory at tile 768: retrying at tile 384.",
                "aepaint: note: The graphics card ran out of memory at tile 384: retrying at tile 192.",
                "aepaint: note: The graphics card ran out of memory at tile 192: retrying at tile 96.",
                "aepaint: note: The graphics card ran out of memory at tile 96: retrying at tile 64.",
            ],
            err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(4));
        Assert.Contains("aepaint: warning: The graphics card ran out of memory at tile 64: retrying on the CPU (slower", err, StringComparison.Ordinal);
        Assert.Contains("tiles of 768", output, StringComparison.Ordinal); // the CPU starts again at the asked tile
        Assert.Equal(CpuResult(photo).Data, ImageFile.Load(_dir.File("out.png")).Data);
    }

    [Fact]
    public void A_removed_device_moves_the_rest_of_the_batch_to_the_cpu_with_one_warning()
    {
        var inputs = _dir.File("in");
        Directory.CreateDirectory(inputs);
        File.Move(Photo("a.png", 2), Path.Combine(inputs, "a.png"));
        File.Move(Photo("b.png", 3), Path.Combine(inputs, "b.png"));
        var backend = new FailingBackend((device, _, n) => device == "GPU" && n == 1 ? OrtFailures.DeviceRemoved() : null); // run 0 is the probe
        SessionBackend.Current = backend;

        var (exit, output, err) = CliRunner.Run("denoise", "-i", inputs, "-o", _dir.File("out"), "-m", _box, "-g", "gpu");

        Assert.True(exit == 0, err);
        var warning = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("aepaint: warning: AePaint ran on the CPU because the GPU could not be used: GPU (DirectML) failed, using the CPU instead: OnnxRuntimeException:", warning, StringComparison.Ordinal);
        Assert.Contains("2 written, 0 skipped (--resume), 0 failed, with box2.onnx on CPU", output, StringComparison.Ordinal);
        Assert.Equal(["GPU 16 ok", "GPU 150 OnnxRuntimeException"], backend.Runs.Take(2));
        Assert.All(backend.Runs.Skip(2), r => Assert.StartsWith("CPU", r, StringComparison.Ordinal));
        foreach (var name in new[] { "a.png", "b.png" })
        {
            Assert.Equal(CpuResult(Path.Combine(inputs, name)).Data, ImageFile.Load(Path.Combine(_dir.File("out"), name)).Data);
        }
    }

    [Fact]
    public void Out_of_memory_on_the_cpu_at_the_smallest_tile_is_one_error_line_and_no_output()
    {
        var photo = Photo("photo.png", 4);
        SessionBackend.Current = new FailingBackend((_, side, _) => side > 16 ? OrtFailures.ArenaOutOfMemory() : null);

        var (exit, _, err) = CliRunner.Run("denoise", photo, "-m", _box, "-g", "cpu", "-t", "128", "-o", _dir.File("out.png"));

        Assert.Equal(1, exit);
        Assert.Equal(
            [
                "aepaint: note: AePaint ran out of memory at tile 128: retrying at tile 64.",
                "aepaint: error: out of memory even at the smallest tile size; try a smaller image or --device cpu",
            ],
            err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(_dir.File("out.png")));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }
}
