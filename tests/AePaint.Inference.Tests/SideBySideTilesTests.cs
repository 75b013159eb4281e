using AePaint.Imaging;
using AePaint.Imaging.Png;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>
/// Windows run side by side (one single-threaded session per lane) give the same output, bit for bit, as the same
/// windows run one at a time in one single-threaded session, whatever the lane count: shipped models, a real photo,
/// several tiles per row and column. The all-cores session may pick other kernels (ONNX Runtime chooses convolution
/// algorithms by thread count), so against it the promise is one 8-bit level.
/// </summary>
public sealed class SideBySideTilesTests
{
    [Theory]
    [InlineData("denoise-fast.onnx", 300, 200, 96)]
    [InlineData("sr-x2-fast.onnx", 150, 110, 64)]
    public void SideBySideEqualsOneAtATime(string file, int width, int height, int tile)
    {
        string path = Path.Combine(TestPaths.RepoRoot, "models", file);
        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        using var oneThread = ModelSession.OpenCpu(path, CpuTuning.Lane);
        var photo = PngCodec.Decode(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "samples", "astronaut.png")));
        var input = photo.MirroredTo(width, height);
        var sequential = TiledRunner.Run(oneThread, input, new RunSettings { TileSize = tile, SideBySide = 1 });
        var two = TiledRunner.Run(model, input, new RunSettings { TileSize = tile, SideBySide = 2 });
        var three = TiledRunner.Run(model, input, new RunSettings { TileSize = tile, SideBySide = 3 });
        var allCores = TiledRunner.Run(model, input, new RunSettings { TileSize = tile, SideBySide = 1 });

        Assert.Equal(1, sequential.Report.SideBySide);
        Assert.Equal(2, two.Report.SideBySide);
        Assert.Equal(3, three.Report.SideBySide);
        Assert.True(sequential.Report.Tiles >= 6, $"only {sequential.Report.Tiles} tiles");
        Assert.Equal(sequential.Image.Data, two.Image.Data);
        Assert.Equal(sequential.Image.Data, three.Image.Data);
        for (int i = 0; i < allCores.Image.Data.Length; i++)
        {
            Assert.InRange(allCores.Image.Data[i] - two.Image.Data[i], -1, 1);
        }
    }

    [Fact]
    public void FloatOutputIsBitIdenticalToo()
    {
        string path = Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx");
        using var model = ModelSession.Open(path, ExecutionDevice.Cpu);
        using var oneThread = ModelSession.OpenCpu(path, CpuTuning.Lane);
        var input = TestImages.Random(250, 170, seed: 8);
        var one = TiledRunner.RunToPlanar(oneThread, input, new RunSettings { TileSize = 80, Sigma = 20, SideBySide = 1 }).Image;
        var two = TiledRunner.RunToPlanar(model, input, new RunSettings { TileSize = 80, Sigma = 20, SideBySide = 2 }).Image;
        Assert.Equal(one.Data, two.Data);
    }

    [Fact]
    public void OneTileRunsInTheAllCoresSession()
    {
        using var model = ModelSession.Open(Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx"), ExecutionDevice.Cpu);
        var (_, report) = TiledRunner.Run(model, TestImages.Random(64, 48, seed: 1), new RunSettings { TileSize = 512, SideBySide = 4 });
        Assert.Equal(1, report.Tiles);
        Assert.Equal(1, report.SideBySide);
    }

    [Fact]
    public void CancellingStopsEveryLane()
    {
        using var model = ModelSession.Open(Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx"), ExecutionDevice.Cpu);
        using var cancel = new CancellationTokenSource();
        int seen = 0;
        void Progress(TileProgress p)
        {
            if (++seen == 3)
            {
                cancel.Cancel();
            }
        }

        Assert.Throws<OperationCanceledException>(() => TiledRunner.Run(model, TestImages.Random(300, 300, seed: 2), new RunSettings { TileSize = 64, Sigma = 10, SideBySide = 2 }, Progress, cancel.Token));
        Assert.Equal(3, seen);
    }
}
