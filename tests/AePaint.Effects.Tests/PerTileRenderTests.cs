using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;
using static AePaint.Effects.Tests.Pixels;

namespace AePaint.Effects.Tests;

/// <summary>
/// Per-tile rendering (what the plugin uses, so Paint.NET's bar moves per tile): every host tile is blended out of the
/// engine's windows of the whole context, and the picture equals the one-pass result — including an automatic σ estimated once.
/// </summary>
public sealed class PerTileRenderTests(Models models) : IClassFixture<Models>
{
    /// <summary>Left half flat, right half noisy: per-tile σ estimates would differ, one estimate for the area does not.</summary>
    private static Bgra8Image HalfNoisy(int w = 150, int h = 90)
    {
        var noise = TestImages.Random(w, h, seed: 9);
        var img = new Bgra8Image(w, h);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int o = (y * img.Stride) + (x * 4);
                for (int c = 0; c < 3; c++)
                {
                    img.Data[o + c] = x < w / 2 ? (byte)120 : (byte)Math.Clamp(120 + ((noise.Data[o + c] - 128) / 3), 0, 255);
                }

                img.Data[o + 3] = 255;
            }
        }

        return img;
    }

    private static Bgra8Image Both(Func<bool, EffectRun> make, int tile)
    {
        var whole = RenderAll(make(false), tile);
        var perTile = make(true);
        Assert.True(perTile.RendersPerTile);
        var tiled = RenderAll(perTile, tile);
        Assert.Equal(whole.Data, tiled.Data);
        return tiled;
    }

    [Fact]
    public void Denoise_with_automatic_sigma_equals_the_one_pass_result()
    {
        var img = HalfNoisy();
        var sel = new Rect(10, 5, 120, 80);
        var mask = new MemoryMask(img.Width, img.Height, (x, y) => sel.Contains(x, y) ? (byte)Math.Min(255, (x - 10) * 30) : (byte)0);
        Both(perTile => EffectRun.Denoise(new DenoiseSettings(models.NoiseMap, Device: ExecutionDevice.Cpu), new MemorySource(img), new SelectionInfo(sel, mask), models.Sessions, perTile: perTile), tile: 32);
    }

    [Theory]
    [InlineData(SuperResolutionOutput.IntoCanvas, 3, 28)]
    [InlineData(SuperResolutionOutput.EnhanceInPlace, 2, 40)]
    public void Super_resolution_equals_the_one_pass_result(SuperResolutionOutput output, int scale, int tile)
    {
        var img = TestImages.Random(100, 70, seed: 4);
        var sel = new Rect(7, 9, 41, 23);
        var model = scale == 3 ? models.Shuffle3 : models.Shuffle2;
        Both(perTile => EffectRun.SuperResolution(new SuperResolutionSettings(model, output, ExecutionDevice.Cpu), new MemorySource(img), new SelectionInfo(sel, null), models.Sessions, perTile: perTile), tile);
    }

    [Fact]
    public void Cancel_takes_effect_at_the_next_tile_and_a_new_render_goes_on()
    {
        var img = TestImages.Random(96, 64, seed: 2);
        var run = EffectRun.Denoise(new DenoiseSettings(models.Box, Device: ExecutionDevice.Cpu), new MemorySource(img), SelectionInfo.WholeLayer(img.Width, img.Height), models.Sessions, perTile: true);
        var dest = new Bgra8Image(img.Width, img.Height);
        using var cts = new CancellationTokenSource();
        run.RenderTile(new Rect(0, 0, 32, 32), dest.Data, dest.Stride, cts.Token);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => run.RenderTile(new Rect(32, 0, 32, 32), dest.Data.AsSpan(32 * 4), dest.Stride, cts.Token));

        var rendered = RenderAll(run, tile: 32); // the host's next render (new token): nothing of the cancel was kept
        var whole = TiledRunner.Run(models.Sessions.Get(models.Box, ExecutionDevice.Cpu), img, new RunSettings()).Image;
        Assert.Equal(whole.Data, rendered.Data);
    }
}
