using System.Diagnostics;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;
using static AePaint.Effects.Tests.Pixels;

namespace AePaint.Effects.Tests;

public sealed class EffectRunTests(Models models) : IClassFixture<Models>
{
    private static Bgra8Image Photo(int w = 200, int h = 150, bool alpha = false) => TestImages.Random(w, h, seed: 3, alpha: alpha);

    private Bgra8Image WholeImageRun(string model, Bgra8Image img, RunSettings? s = null) =>
        TiledRunner.Run(models.Sessions.Get(model, ExecutionDevice.Cpu), img, s ?? new RunSettings()).Image;

    [Fact]
    public void No_selection_denoises_the_whole_layer_like_the_cli()
    {
        var img = Photo();
        var run = EffectRun.Denoise(new DenoiseSettings(models.Box, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(img.Width, img.Height), models.Sessions);
        var rendered = RenderAll(run);
        Assert.Equal(WholeImageRun(models.Box, img).Data, rendered.Data);
        Assert.Equal(run.Layer, run.Changed);
    }

    [Fact]
    public void Selection_with_feathered_mask_blends_and_leaves_outside_untouched()
    {
        var img = Photo();
        var sel = new Rect(40, 30, 90, 70);
        byte Cover(int x, int y) => !sel.Contains(x, y) ? (byte)0 : x < 60 ? (byte)((x - 40) * 12) : (byte)255; // feathered left edge
        var mask = new MemoryMask(img.Width, img.Height, Cover);
        var run = EffectRun.Denoise(new DenoiseSettings(models.Box, Device: ExecutionDevice.Cpu), new MemorySource(img), new SelectionInfo(sel, mask), models.Sessions);
        var rendered = RenderAll(run, tile: 64);
        var full = WholeImageRun(models.Box, img);

        Assert.True(run.Context.Contains(sel.Inflate(16).Intersect(run.Layer)));
        for (int y = 0; y < img.Height; y++)
        {
            for (int x = 0; x < img.Width; x++)
            {
                var src = Px(img, x, y);
                var got = Px(rendered, x, y);
                int m = Cover(x, y);
                if (m == 0)
                {
                    Assert.True(src.SequenceEqual(got), $"outside pixel ({x},{y}) changed");
                    continue;
                }

                // The context margin (≥ receptive field) makes the selection's result equal a whole-layer run.
                var model = Px(full, x, y);
                for (int c = 0; c < 4; c++)
                {
                    int want = ((src[c] * (255 - m)) + (model[c] * m) + 127) / 255;
                    Assert.InRange(got[c], want - 1, want + 1);
                }
            }
        }
    }

    [Fact]
    public void Selection_at_the_layer_edge_clips_the_context()
    {
        var img = Photo(120, 90);
        var sel = new Rect(100, 70, 20, 20);
        var run = EffectRun.Denoise(new DenoiseSettings(models.Box, Device: ExecutionDevice.Cpu), new MemorySource(img), new SelectionInfo(sel, null), models.Sessions);
        var rendered = RenderAll(run);
        Assert.Equal(Rect.FromEdges(84, 54, 120, 90), run.Context);
        var full = WholeImageRun(models.Box, img);
        Assert.True(MaxDiff(Px(full, 110, 80), Px(rendered, 110, 80)) <= 1);
        Assert.True(Px(img, 99, 80).SequenceEqual(Px(rendered, 99, 80)));
    }

    [Fact]
    public void Strength_zero_leaves_pixels_and_alpha_unchanged()
    {
        var img = Photo(alpha: true);
        var run = EffectRun.Denoise(new DenoiseSettings(models.Box, StrengthPercent: 0, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(img.Width, img.Height), models.Sessions);
        Assert.Equal(img.Data, RenderAll(run).Data);
    }

    [Fact]
    public void Manual_sigma_reaches_the_noise_map_and_auto_is_estimated()
    {
        var img = Bgra8Image.Solid(64, 64, 200, 150, 100);
        var manual = EffectRun.Denoise(new DenoiseSettings(models.NoiseMap, AutoSigma: false, Sigma: 51, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(64, 64), models.Sessions);
        var r = RenderAll(manual);
        Assert.Equal([149, 99, 49, 255], Px(r, 10, 10).ToArray()); // out = in − σ/255
        Assert.Equal(51f, manual.Report!.Sigma);
        Assert.False(manual.Report.SigmaEstimated);

        var auto = EffectRun.Denoise(new DenoiseSettings(models.NoiseMap, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(64, 64), models.Sessions);
        auto.Compute();
        Assert.True(auto.Report!.SigmaEstimated);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Into_canvas_places_the_upscale_at_the_selection_and_clips_at_the_canvas_edge(int scale)
    {
        var img = Photo(100, 80);
        var sel = new Rect(60, 50, 30, 20); // ×s runs past the right and bottom edges
        var path = scale == 2 ? models.Shuffle2 : models.Shuffle3;
        var run = EffectRun.SuperResolution(new SuperResolutionSettings(path, SuperResolutionOutput.IntoCanvas, ExecutionDevice.Cpu), new MemorySource(img), new SelectionInfo(sel, null), models.Sessions);
        var rendered = RenderAll(run, tile: 32);
        Assert.Equal(Rect.FromEdges(60, 50, 100, 80), run.Changed);
        Assert.Equal((60 + (30 * scale), 50 + (20 * scale)), Geometry.CanvasNeeded(sel, scale, 100, 80));
        for (int y = 0; y < 80; y++)
        {
            for (int x = 0; x < 100; x++)
            {
                var want = run.Changed.Contains(x, y) ? Px(img, 60 + ((x - 60) / scale), 50 + ((y - 50) / scale)) : Px(img, x, y);
                Assert.True(want.SequenceEqual(Px(rendered, x, y)), $"({x},{y})");
            }
        }
    }

    [Fact]
    public void Clipboard_mode_returns_the_full_size_result_and_leaves_the_layer()
    {
        var img = Photo(100, 80);
        var sel = new Rect(60, 50, 30, 20);
        var run = EffectRun.SuperResolution(new SuperResolutionSettings(models.Shuffle2, SuperResolutionOutput.Clipboard, ExecutionDevice.Cpu), new MemorySource(img), new SelectionInfo(sel, null), models.Sessions);
        Assert.Equal(img.Data, RenderAll(run).Data);
        var big = run.FullSizeResult!;
        Assert.Equal((60, 40), (big.Width, big.Height));
        Assert.True(Px(img, 89, 69).SequenceEqual(Px(big, 59, 39)));
        Assert.True(Px(img, 61, 50).SequenceEqual(Px(big, 3, 1)));
    }

    [Fact]
    public void Enhance_in_place_keeps_the_size_and_blends_through_the_mask()
    {
        var img = Photo(100, 80);
        var sel = new Rect(20, 20, 50, 40);
        var mask = new MemoryMask(100, 80, (x, y) => sel.Contains(x, y) ? (byte)255 : (byte)0);
        var run = EffectRun.SuperResolution(new SuperResolutionSettings(models.Shuffle2, SuperResolutionOutput.EnhanceInPlace, ExecutionDevice.Cpu), new MemorySource(img), new SelectionInfo(sel, mask), models.Sessions);
        var rendered = RenderAll(run);
        Assert.Equal(sel, run.Changed);
        Assert.True(Px(img, 19, 30).SequenceEqual(Px(rendered, 19, 30)));

        // Nearest ×2 then MATLAB bicubic ×½ of the context, cropped to the selection.
        var ctxImg = ResultImages.Crop(img, run.Context);
        var up = TiledRunner.Run(models.Sessions.Get(models.Shuffle2, ExecutionDevice.Cpu), ctxImg, new RunSettings()).Image;
        var back = ResultImages.ResizeBack(up, ctxImg.Width, ctxImg.Height);
        Assert.True(Px(back, 45 - run.Context.X, 40 - run.Context.Y).SequenceEqual(Px(rendered, 45, 40)));
        Assert.Equal(255, Px(rendered, 45, 40)[3]);
    }

    [Fact]
    public void Progress_is_monotonic_and_ends_at_one()
    {
        var img = Photo(300, 260);
        var seen = new List<double>();
        var run = EffectRun.Denoise(new DenoiseSettings(models.Box, TileSize: 128, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(300, 260), models.Sessions, seen.Add);
        RenderAll(run);
        Assert.True(seen.Count >= 4, $"{seen.Count} progress reports");
        Assert.Equal(1.0, seen[^1]);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second > p.First));
    }

    [Fact]
    public void Cancel_midway_stops_within_a_tile_and_caches_nothing()
    {
        var img = Photo(600, 600);
        using var cts = new CancellationTokenSource();
        var sw = new Stopwatch();
        int reports = 0;
        var run = EffectRun.Denoise(new DenoiseSettings(models.Box, TileSize: 128, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(600, 600), models.Sessions, p =>
        {
            if (++reports == 2)
            {
                cts.Cancel();
                sw.Start();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => RenderAll(run, cancel: cts.Token));
        sw.Stop();
        Assert.Equal(2, reports); // no model tile ran after the cancel
        Assert.True(sw.ElapsedMilliseconds < 1000, $"cancel took {sw.ElapsedMilliseconds} ms");
        Assert.False(run.IsComputed);

        run.Compute(); // a fresh token (the host's next try) computes normally
        Assert.True(run.IsComputed);
    }

    [Fact]
    public void Concurrent_render_threads_compute_once()
    {
        var img = Photo(256, 256);
        int finals = 0;
        var run = EffectRun.Denoise(new DenoiseSettings(models.Box, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(256, 256), models.Sessions, p => { if (p == 1.0) { Interlocked.Increment(ref finals); } });
        var output = new Bgra8Image(256, 256);
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var r = new Rect((i % 4) * 64, (i / 4) * 64, 64, 64);
            var buf = new byte[64 * 64 * 4];
            run.RenderTile(r, buf, 64 * 4);
            for (int y = 0; y < 64; y++)
            {
                buf.AsSpan(y * 256, 256).CopyTo(output.Data.AsSpan(((r.Y + y) * output.Stride) + (r.X * 4)));
            }
        });
        Assert.Equal(1, finals);
        Assert.Equal(WholeImageRun(models.Box, img).Data, output.Data);
    }

    [Fact]
    public void Settings_changes_that_keep_the_model_keep_the_session()
    {
        using var cache = new ModelSessionCache();
        var img = Photo(64, 64);
        foreach (var strength in new[] { 100, 40, 70 })
        {
            EffectRun.Denoise(new DenoiseSettings(models.Box, StrengthPercent: strength, TileSize: strength == 40 ? 256 : 0, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(64, 64), cache).Compute();
        }

        Assert.Equal(1, cache.Count);
        var first = cache.Get(models.Box, ExecutionDevice.Cpu);
        Assert.Same(first, cache.Get(models.Box, ExecutionDevice.Cpu));
        EffectRun.Denoise(new DenoiseSettings(models.NoiseMap, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(64, 64), cache).Compute();
        Assert.Equal(2, cache.Count);
    }
}
