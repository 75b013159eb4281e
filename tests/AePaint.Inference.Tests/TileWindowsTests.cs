using AePaint.Imaging;
using AePaint.Imaging.Png;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>
/// <see cref="TiledRunner.Windows"/>: parts of the output drawn in any order from several threads, each window run once,
/// equal the streaming run bit for bit — shipped models, a real photo, several windows per row and column.
/// </summary>
public sealed class TileWindowsTests
{
    private static ModelSession Open(string file) => ModelSession.Open(Path.Combine(TestPaths.RepoRoot, "models", file), ExecutionDevice.Cpu);

    private static Bgra8Image Photo(int width, int height) =>
        PngCodec.Decode(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "samples", "astronaut.png"))).MirroredTo(width, height);

    /// <summary>The output cut into <paramref name="part"/>-sized pieces, in a shuffled order.</summary>
    private static List<(int X, int Y, int Width, int Height)> Parts(int width, int height, int part, int seed)
    {
        var parts = new List<(int, int, int, int)>();
        for (int y = 0; y < height; y += part)
        {
            for (int x = 0; x < width; x += part)
            {
                parts.Add((x, y, Math.Min(part, width - x), Math.Min(part, height - y)));
            }
        }

        var rng = new Random(seed);
        return [.. parts.OrderBy(_ => rng.Next())];
    }

    private static Bgra8Image DrawAll(TileWindows windows, int width, int height, int part, int threads, CancellationToken cancel = default)
    {
        var image = new Bgra8Image(width, height);
        var parts = Parts(width, height, part, seed: 5);
        int next = -1;
        void Worker()
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < parts.Count)
            {
                var p = parts[k];
                var drawn = windows.Render(p, cancel);
                for (int r = 0; r < p.Height; r++)
                {
                    drawn.Row(r).CopyTo(image.Data.AsSpan(((p.Y + r) * image.Stride) + (p.X * 4)));
                }
            }
        }

        var workers = Enumerable.Range(0, threads).Select(_ => Task.Run(Worker, CancellationToken.None)).ToArray();
        Task.WaitAll(workers);
        return image;
    }

    [Theory]
    [InlineData("denoise-fast.onnx", 300, 200, 96, false, 1)]
    [InlineData("denoise-fast.onnx", 200, 150, 64, false, 2)]
    [InlineData("sr-x2-fast.onnx", 150, 110, 64, true, 1)]
    public void Parts_from_two_threads_equal_the_streaming_run_and_run_each_window_once(string file, int width, int height, int tile, bool transparent, int passes)
    {
        using var model = Open(file);
        var input = transparent ? TestImages.Random(width, height, seed: 4, alpha: true) : Photo(width, height);
        var settings = new RunSettings { TileSize = tile, Passes = passes };
        var streamed = TiledRunner.Run(model, input, settings);
        int s = model.Card.Scale;
        var progress = new List<TileProgress>();
        var windows = TiledRunner.Windows(model, input, settings, (0, 0, width * s, height * s), p => progress.Add(p));

        var drawn = DrawAll(windows, width * s, height * s, part: 41, threads: 2);

        Assert.True(windows.WindowCount >= 6, $"only {windows.WindowCount} windows");
        Assert.Equal(streamed.Report.Tiles, windows.WindowCount);
        Assert.Equal(streamed.Report.Sigma, windows.Report.Sigma); // one automatic σ for the whole image
        Assert.Equal(streamed.Image.Data, drawn.Data);
        Assert.Equal(windows.WindowCount, windows.WindowRuns);
        Assert.Equal(streamed.Report.WindowPixels, windows.PixelsRead);
        Assert.Equal(Enumerable.Range(1, windows.WindowCount), progress.Select(p => p.Done));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_x4_run_in_strips_streams_each_strips_own_rows_with_the_bytes_of_parts_blended_from_windows(bool transparent)
    {
        // One column of strips: the streaming run writes a strip's own rows straight from its output and blends only the
        // rows strips share; drawing parts blends every row from the windows. Both must give the same bytes.
        using var model = Open("sr-x4-fast.onnx");
        const int Width = 40, Height = 230, Tile = 64;
        var input = transparent ? TestImages.Random(Width, Height, seed: 6, alpha: true) : Photo(Width, Height);
        var settings = new RunSettings { TileSize = Tile, SideBySide = 1 };
        var (x, y) = TiledRunner.Plan(model, Width, Height, settings);
        Assert.True(x.Tiles.Count == 1 && y.Tiles.Count >= 3, $"{x.Tiles.Count}×{y.Tiles.Count} windows, not strips");
        var streamed = TiledRunner.Run(model, input, settings);
        var windows = TiledRunner.Windows(model, input, settings, (0, 0, Width * 4, Height * 4));
        Assert.Equal(streamed.Image.Data, DrawAll(windows, Width * 4, Height * 4, part: 37, threads: 2).Data);
    }

    [Fact]
    public void A_cancel_between_windows_keeps_nothing_of_the_part_and_a_later_draw_is_exact()
    {
        using var model = Open("denoise-fast.onnx");
        var input = Photo(260, 180);
        var settings = new RunSettings { TileSize = 80, Sigma = 15 };
        using var cts = new CancellationTokenSource();
        var windows = TiledRunner.Windows(model, input, settings, (0, 0, 260, 180), p =>
        {
            if (p.Done == 2)
            {
                cts.Cancel(); // the host's cancel arrives while the part still needs windows
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => windows.Render((0, 0, 260, 180), cts.Token));
        int ranBeforeCancel = windows.WindowRuns;
        Assert.InRange(ranBeforeCancel, 2, Math.Max(2, windows.Report.SideBySide)); // windows running on other lanes when the cancel came are not kept

        var drawn = DrawAll(windows, 260, 180, part: 64, threads: 2);
        Assert.Equal(TiledRunner.Run(model, input, settings).Image.Data, drawn.Data);
        Assert.Equal(windows.WindowCount + ranBeforeCancel - 2, windows.WindowRuns); // the two kept windows ran once
    }

    [Fact]
    public void A_window_dropped_after_its_drawing_runs_again_when_asked_and_gives_the_same_pixels()
    {
        using var model = Open("denoise-fast.onnx");
        var input = Photo(200, 140);
        var windows = TiledRunner.Windows(model, input, new RunSettings { TileSize = 80, Sigma = 10 }, (0, 0, 200, 140));
        var first = windows.Render((0, 0, 200, 140));
        int runs = windows.WindowRuns;
        var again = windows.Render((30, 20, 50, 40));

        Assert.True(windows.WindowRuns > runs, "every window was drawn, so all were dropped");
        for (int r = 0; r < 40; r++)
        {
            Assert.Equal(first.Data.AsSpan(((20 + r) * first.Stride) + (30 * 4), 50 * 4).ToArray(), again.Row(r).ToArray());
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => windows.Render((190, 0, 20, 10)));
    }
}
