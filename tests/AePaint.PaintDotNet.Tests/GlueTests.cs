using System.Reflection;
using AePaint.Effects;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;
using PaintDotNet;
using PaintDotNet.Effects;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace AePaint.PaintDotNet.Tests;

/// <summary>The two effects driven through Paint.NET's call order against the stand-in (one collection: the model list is process-wide).</summary>
[Collection(PluginState.Name)]
public sealed class GlueTests : IDisposable
{
    private readonly TempDir _models = new();
    private readonly TempDir _empty = new();
    private readonly string _box;
    private readonly string _shuffle;

    public GlueTests()
    {
        _box = TestModels.BoxBlur(_models.Path, layers: 2);
        _shuffle = TestModels.PixelShuffle(_models.Path, 2);
        UseModels(_models.Path);
    }

    public void Dispose()
    {
        PluginModels.Catalog = () => ModelCatalog.Default();
        PluginModels.Reset();
        _models.Dispose();
        _empty.Dispose();
    }

    private static void UseModels(string folder)
    {
        PluginModels.Catalog = () => new ModelCatalog([folder]);
        PluginModels.Reset();
    }

    private static Bgra8Image Photo(int w = 160, int h = 120) => TestImages.Random(w, h, seed: 11);

    private static Bgra8Image Reference(string model, Bgra8Image img, float strength = 1f) =>
        TiledRunner.Run(PluginModels.Sessions.Get(model, ExecutionDevice.Auto), img, new RunSettings { Strength = strength }).Image;

    [Fact]
    public void Denoise_in_host_order_equals_the_engine_and_sets_render_flags()
    {
        var img = Photo();
        var host = new FakeHost(new AiDenoiseEffect(), img);
        Assert.False(host.RenderInfo.Flags.HasFlag(BitmapEffectRenderingFlags.DisableSelectionClipping)); // Paint.NET masks Denoise
        Assert.True(host.RenderInfo.Flags.HasFlag(BitmapEffectRenderingFlags.FirstTileIsRenderedWithBarrier));
        Assert.True(new FakeHost(new AiSuperResolutionEffect(), img).RenderInfo.Flags.HasFlag(BitmapEffectRenderingFlags.DisableSelectionClipping));
        Assert.Equal(["box2", AutoModel.Label(ModelTask.Denoise, 1)], ((StaticListChoiceProperty)host.Properties.First()).ValueChoices);

        host.SetToken(host.Token());
        Assert.Equal(Reference(_box, img).Data, host.Render().Data);
    }

    [Fact]
    public void Feathered_selection_blends_and_outside_stays()
    {
        var img = Photo();
        var sel = new RectInt32(30, 20, 80, 60);
        var host = new FakeHost(new AiDenoiseEffect(), img, sel, (x, y) => (byte)Math.Min(255, (x - 30) * 20));
        host.SetToken(host.Token());
        var result = host.Render(area: new RectInt32(0, 0, img.Width, img.Height));
        var full = Reference(_box, img);
        for (int y = 0; y < img.Height; y++)
        {
            for (int x = 0; x < img.Width; x++)
            {
                int p = ((y * img.Width) + x) * 4;
                bool inside = x >= 30 && y >= 20 && x < 110 && y < 80;
                int m = inside ? Math.Min(255, (x - 30) * 20) : 0;
                for (int c = 0; c < 4; c++)
                {
                    int want = ((img.Data[p + c] * (255 - m)) + (full.Data[p + c] * m) + 127) / 255;
                    Assert.InRange(result.Data[p + c], want - 1, want + 1);
                }
            }
        }
    }

    [Fact]
    public void Cancel_midway_then_a_new_token_renders_and_keeps_the_session()
    {
        var img = Photo(300, 200);
        var host = new FakeHost(new AiDenoiseEffect(), img);
        host.SetToken(host.Token());
        host.OnSourceLock = r =>
        {
            if (r.Width == img.Width && r.Height == img.Height)
            {
                host.Cancel(); // the user presses Cancel while the model is about to run
            }
        };
        host.Render(); // returns quietly on every tile: Paint.NET discards a cancelled run's output
        Assert.False(((AiDenoiseEffect)host.Effect).Run!.IsComputed);

        var session = PluginModels.Sessions.Get(_box, ExecutionDevice.Auto);
        int sessions = PluginModels.Sessions.Count;
        host.OnSourceLock = null;
        host.Restart();
        host.SetToken(host.Token(t => t.Required<Int32Property>(AiDenoiseEffect.StrengthProp).Value = 50));
        Assert.Equal(Reference(_box, img, 0.5f).Data, host.Render().Data);
        Assert.Same(session, PluginModels.Sessions.Get(_box, ExecutionDevice.Auto));
        Assert.Equal(sessions, PluginModels.Sessions.Count);
    }

    [Fact]
    public void Detail_colour_noise_and_split_preview_map_to_the_engine_and_the_drawing()
    {
        var img = Photo(64, 48);
        var host = new FakeHost(new AiDenoiseEffect(), img);
        host.SetToken(host.Token(t =>
        {
            t.GetProperty<Int32Property>(AiDenoiseEffect.DetailProp)!.Value = 40;
            t.GetProperty<Int32Property>(AiDenoiseEffect.ColorNoiseProp)!.Value = 70;
        }));
        var expected = TiledRunner.Run(PluginModels.Sessions.Get(_box, ExecutionDevice.Auto), img, new RunSettings { Detail = 0.4f, ColorNoise = 0.7f }).Image;
        Assert.Equal(expected.Data, host.Render().Data);
        var run = ((AiDenoiseEffect)host.Effect).Run!;

        // Split: the same run (no recompute), drawn as original | divider | result.
        host.SetToken(host.Token(t =>
        {
            t.GetProperty<Int32Property>(AiDenoiseEffect.DetailProp)!.Value = 40;
            t.GetProperty<Int32Property>(AiDenoiseEffect.ColorNoiseProp)!.Value = 70;
            t.GetProperty<BooleanProperty>(AiDenoiseEffect.SplitProp)!.Value = true;
        }));
        Assert.Same(run, ((AiDenoiseEffect)host.Effect).Run);
        var split = host.Render(tile: 16);
        int mid = SplitPreview.ResultStart(new Rect(0, 0, 64, 48));
        for (int y = 0; y < 48; y++)
        {
            int row = y * 64 * 4;
            Assert.Equal(img.Data.AsSpan(row, (mid - 1) * 4).ToArray(), split.Data.AsSpan(row, (mid - 1) * 4).ToArray());
            Assert.Equal([255, 255, 255, 255], split.Data.AsSpan(row + ((mid - 1) * 4), 4).ToArray());
            Assert.Equal([0, 0, 0, 255], split.Data.AsSpan(row + (mid * 4), 4).ToArray());
            Assert.Equal(expected.Data.AsSpan(row + ((mid + 1) * 4), (64 - mid - 1) * 4).ToArray(), split.Data.AsSpan(row + ((mid + 1) * 4), (64 - mid - 1) * 4).ToArray());
        }
    }

    [Fact]
    public void The_dialog_shows_the_automatic_noise_estimate()
    {
        var clean = new FakeHost(new AiDenoiseEffect(), Bgra8Image.Solid(96, 64, 120, 130, 140));
        var cleanUi = clean.Effect.StandInCreateConfigUI(clean.Properties);
        Assert.Equal("Noise: auto (≈ 0.0, nothing to remove)", cleanUi.Values[(AiDenoiseEffect.AutoSigmaProp, ControlInfoPropertyNames.Description)]);
        var noisy = PixelConversion.ToBgra8(AePaint.Imaging.Noise.GaussianNoise.AddAwgn(PixelConversion.ToPlanar(Bgra8Image.Solid(96, 64, 120, 130, 140)), 12, seed: 3, clip: true));
        var host = new FakeHost(new AiDenoiseEffect(), noisy);
        var text = (string)host.Effect.StandInCreateConfigUI(host.Properties).Values[(AiDenoiseEffect.AutoSigmaProp, ControlInfoPropertyNames.Description)];
        Assert.Matches(@"^Noise: auto \(≈ 1[1-3]\)$", text);
    }

    [Fact]
    public void The_same_token_again_reuses_the_finished_result()
    {
        var host = new FakeHost(new AiDenoiseEffect(), Photo(64, 48));
        host.SetToken(host.Token());
        host.Render();
        var first = ((AiDenoiseEffect)host.Effect).Run!;
        Assert.True(first.RendersPerTile);
        Assert.NotNull(first.Report);
        host.SetToken(host.Token()); // e.g. when the dialog closes with the previewed settings
        Assert.Same(first, ((AiDenoiseEffect)host.Effect).Run);
        host.SetToken(host.Token(t => t.Required<Int32Property>(AiDenoiseEffect.StrengthProp).Value = 30));
        Assert.NotSame(first, ((AiDenoiseEffect)host.Effect).Run);
    }

    [Fact]
    public void Token_values_reach_the_engine()
    {
        var host = new FakeHost(new AiDenoiseEffect(), Photo(40, 30));
        host.SetToken(host.Token(t =>
        {
            t.Required<BooleanProperty>(AiDenoiseEffect.AutoSigmaProp).Value = false;
            t.Required<Int32Property>(AiDenoiseEffect.SigmaProp).Value = 30;
            t.Required<StaticListChoiceProperty>(Choices.DeviceProp).Value = "CPU";
            t.Required<StaticListChoiceProperty>(Choices.TileProp).Value = "256";
            t.Required<StaticListChoiceProperty>(Choices.PassesProp).Value = Choices.ExtraPasses[2];
        }));
        host.Render();
        var run = ((AiDenoiseEffect)host.Effect).Run!;
        Assert.Equal(256, run.Report!.TileSize);
        Assert.Equal(8, run.Report.Passes);
        Assert.Null(run.Notice); // CPU asked for, CPU used
    }

    [Fact]
    public void Auto_entry_reaches_the_engine_and_falls_back_to_the_only_model()
    {
        var img = Photo(48, 40);
        var host = new FakeHost(new AiDenoiseEffect(), img);
        host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(AiDenoiseEffect.ModelProp).Value = AutoModel.Label(ModelTask.Denoise, 1)));
        Assert.Equal(Reference(_box, img).Data, host.Render().Data);
        var run = ((AiDenoiseEffect)host.Effect).Run!;
        Assert.Equal("box2", run.AutoChoice!.Card.Name);
        Assert.True(run.AutoChoice.Fallback); // no embedder installed
    }

    [Fact]
    public void Super_resolution_into_canvas_is_anchored_at_the_selection()
    {
        var img = Photo(100, 80);
        var sel = new RectInt32(10, 10, 30, 20);
        var host = new FakeHost(new AiSuperResolutionEffect(), img, sel);
        Assert.Equal(["shuffle2 (×2)", AutoModel.Label(ModelTask.SuperResolution, 2)], ((StaticListChoiceProperty)host.Properties.First()).ValueChoices);
        host.SetToken(host.Token());
        var result = host.Render(tile: 32, area: new RectInt32(0, 0, 100, 80));
        for (int y = 10; y < 50; y++)
        {
            for (int x = 10; x < 70; x++)
            {
                int src = ((((10 + ((y - 10) / 2)) * 100) + 10 + ((x - 10) / 2)) * 4);
                Assert.True(img.Data.AsSpan(src, 4).SequenceEqual(result.Data.AsSpan(((y * 100) + x) * 4, 4)), $"({x},{y})");
            }
        }

        Assert.True(img.Data.AsSpan(((75 * 100) + 75) * 4, 4).SequenceEqual(result.Data.AsSpan(((75 * 100) + 75) * 4, 4)));
    }

    [Fact]
    public void Super_resolution_enhance_in_place_keeps_the_size()
    {
        var img = Photo(64, 48);
        var host = new FakeHost(new AiSuperResolutionEffect(), img);
        host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(AiSuperResolutionEffect.OutputProp).Value = AiSuperResolutionEffect.Outputs[(int)SuperResolutionOutput.EnhanceInPlace]));
        var result = host.Render();
        var run = ((AiSuperResolutionEffect)host.Effect).Run!;
        Assert.Equal(SuperResolutionOutput.EnhanceInPlace, run.Output);
        Assert.Equal(new Rect(0, 0, 64, 48), run.Changed);
        Assert.NotEqual(img.Data, result.Data);
    }

    [Fact]
    public void No_model_installed_without_a_dialog_service_reaches_paint_net_as_the_plain_error()
    {
        UseModels(_empty.Path);
        var host = new FakeHost(new AiDenoiseEffect(), Photo(32, 32), services: new FakeServices { Dialogs = null });
        Assert.Equal([PluginModels.NoModelLabel], ((StaticListChoiceProperty)host.Properties.First()).ValueChoices);
        host.SetToken(host.Token());
        var e = Assert.ThrowsAny<Exception>(() => host.Render());
        var inner = e is AggregateException a ? a.InnerExceptions[0] : e;
        Assert.IsType<EffectException>(inner);
        Assert.StartsWith("No denoise model is installed", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dialogs_describe_the_canvas_limit_with_the_needed_size()
    {
        var host = new FakeHost(new AiSuperResolutionEffect(), Photo(100, 80), new RectInt32(60, 50, 30, 20));
        var ui = host.Effect.StandInCreateConfigUI(host.Properties);
        var text = (string)ui.Values[(AiSuperResolutionEffect.OutputProp, ControlInfoPropertyNames.Description)];
        Assert.Contains("enlarge the canvas first", text, StringComparison.Ordinal);
        Assert.Contains("to 120×90", text, StringComparison.Ordinal);
        var denoise = new FakeHost(new AiDenoiseEffect(), Photo(20, 20));
        var denoiseUi = denoise.Effect.StandInCreateConfigUI(denoise.Properties);
        Assert.Equal(8, denoiseUi.Values.Count); // auto noise, σ, detail, colour noise, split, device, quality, extra passes hints
    }

    [Fact]
    public void Plugin_metadata()
    {
        Assert.Equal("AI Denoise", new AiDenoiseEffect().StandInName);
        Assert.Equal(SubmenuNames.Noise, new AiDenoiseEffect().StandInSubmenu);
        Assert.Equal(SubmenuNames.Photo, new AiSuperResolutionEffect().StandInSubmenu);
        Assert.True(new AiDenoiseEffect().StandInOptions.IsConfigurable);
        var attr = typeof(AiDenoiseEffect).GetCustomAttribute<PluginSupportInfoAttribute>()!;
        var info = (IPluginSupportInfo)Activator.CreateInstance(attr.StandInType!)!;
        Assert.Equal(typeof(AiDenoiseEffect).Assembly.GetName().Version, info.Version);
        Assert.True(info.Version > new Version(0, 0));
    }
}
