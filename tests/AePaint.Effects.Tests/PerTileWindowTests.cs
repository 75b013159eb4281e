using AePaint.Imaging;
using AePaint.Imaging.Png;
using AePaint.Inference;
using AePaint.TestSupport;
using static AePaint.Effects.Tests.Pixels;

namespace AePaint.Effects.Tests;

/// <summary>
/// Per-tile mode with the shipped models and several engine windows: render tiles drawn from two threads in no order
/// are blended out of the windows of one tiled run (each window run once) and equal the engine's output.
/// </summary>
public sealed class PerTileWindowTests : IDisposable
{
    private readonly ModelSessionCache _sessions = new();

    public void Dispose() => _sessions.Dispose();

    private static string Model(string file) => Path.Combine(TestPaths.RepoRoot, "models", file);

    private static Bgra8Image Photo(int width, int height) =>
        PngCodec.Decode(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "samples", "astronaut.png"))).MirroredTo(width, height);

    private EffectRun Denoise(Bgra8Image img, SelectionInfo selection, bool perTile, Action<double>? progress = null) =>
        EffectRun.Denoise(new DenoiseSettings(Model("denoise-fast.onnx"), Device: ExecutionDevice.Cpu, TileSize: 128), new MemorySource(img), selection, _sessions, progress, perTile: perTile);

    [Fact]
    public void Whole_layer_equals_the_engine_and_runs_each_window_once()
    {
        var img = Photo(330, 250);
        var run = Denoise(img, SelectionInfo.WholeLayer(img.Width, img.Height), perTile: true);

        var rendered = RenderParallel(run, tile: 64);

        var engine = TiledRunner.Run(_sessions.Get(Model("denoise-fast.onnx"), ExecutionDevice.Cpu), img, new RunSettings { TileSize = 128 });
        Assert.Equal(engine.Image.Data, rendered.Data);
        Assert.True(run.Report!.Tiles >= 6, $"only {run.Report.Tiles} windows");
        Assert.Equal(engine.Report.Sigma, run.Report.Sigma); // one automatic σ for the whole area
        Assert.Equal(engine.Report.WindowPixels, run.PixelsRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Feathered_selection_and_split_view_equal_the_one_pass_result(bool split)
    {
        var img = Photo(300, 220);
        var sel = new Rect(23, 17, 250, 180);
        var mask = new MemoryMask(img.Width, img.Height, (x, y) => !sel.Contains(x, y) ? (byte)0 : (byte)Math.Min(255, (x - sel.X) * 9));
        var onePass = Denoise(img, new SelectionInfo(sel, mask), perTile: false);
        var perTile = Denoise(img, new SelectionInfo(sel, mask), perTile: true);
        onePass.SplitView = perTile.SplitView = split;

        var expected = RenderAll(onePass);
        var rendered = RenderParallel(perTile, tile: 64);

        Assert.Equal(expected.Data, rendered.Data);
        Assert.Equal(img.Data.AsSpan(0, img.Stride).ToArray(), rendered.Data.AsSpan(0, img.Stride).ToArray()); // above the selection: the source
        Assert.True(perTile.PixelsRead <= onePass.Report!.WindowPixels, $"{perTile.PixelsRead} read against one pass's {onePass.Report.WindowPixels}");
    }

    [Theory]
    [InlineData(SuperResolutionOutput.IntoCanvas)]
    [InlineData(SuperResolutionOutput.EnhanceInPlace)]
    public void Super_resolution_equals_the_one_pass_result(SuperResolutionOutput output)
    {
        var img = Photo(360, 280);
        var sel = new Rect(31, 22, 250, 200);
        EffectRun Make(bool perTile) => EffectRun.SuperResolution(
            new SuperResolutionSettings(Model("sr-x2-fast.onnx"), output, ExecutionDevice.Cpu, TileSize: 128), new MemorySource(img), new SelectionInfo(sel, null), _sessions, perTile: perTile);
        var onePass = Make(false);
        var perTile = Make(true);

        var expected = RenderAll(onePass);
        var rendered = RenderParallel(perTile, tile: 48);

        Assert.True(onePass.Report!.Tiles >= 4, $"only {onePass.Report.Tiles} windows");
        Assert.Equal(expected.Data, rendered.Data);
    }

    [Fact]
    public void Progress_rises_and_a_cancel_between_windows_leaves_no_tile_half_applied()
    {
        var img = Photo(300, 220);
        var progress = new List<double>();
        using var cts = new CancellationTokenSource();
        var run = Denoise(img, SelectionInfo.WholeLayer(img.Width, img.Height), perTile: true, p =>
        {
            progress.Add(p);
            if (progress.Count == 1)
            {
                cts.Cancel();
            }
        });

        var dest = new Bgra8Image(img.Width, img.Height);
        Assert.ThrowsAny<OperationCanceledException>(() => run.RenderTile(new Rect(100, 100, 128, 100), dest.Data.AsSpan((100 * dest.Stride) + (100 * 4)), dest.Stride, cts.Token));

        for (int y = 100; y < 200; y++)
        {
            Assert.Equal(img.Data.AsSpan((y * img.Stride) + 400, 128 * 4).ToArray(), dest.Data.AsSpan((y * dest.Stride) + 400, 128 * 4).ToArray()); // the source, no result
        }

        var rendered = RenderParallel(run, tile: 64); // the host's next render: nothing of the cancelled tile was kept
        Assert.Equal(RenderAll(Denoise(img, SelectionInfo.WholeLayer(img.Width, img.Height), perTile: false)).Data, rendered.Data);
        Assert.True(progress.Count > 3, $"{progress.Count} progress calls");
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.Second > p.First), string.Join(", ", progress));
        Assert.Equal(1.0, progress[^1]);
    }
}
