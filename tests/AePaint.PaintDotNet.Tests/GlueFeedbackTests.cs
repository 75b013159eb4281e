using System.Runtime.InteropServices;
using System.Xml.Linq;
using AePaint.Effects;
using AePaint.Imaging;
using AePaint.Imaging.Png;
using AePaint.Inference;
using AePaint.TestSupport;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace AePaint.PaintDotNet.Tests;

/// <summary>PluginModels (model list, feedback) is process-wide: classes that change it run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PluginState
{
    public const string Name = "Paint.NET plugin state";
}

/// <summary>What the user is told and given through Paint.NET's services: error dialog, GPU notice, clipboard, PNG, icons.</summary>
[Collection(PluginState.Name)]
public sealed class GlueFeedbackTests : IDisposable
{
    private readonly TempDir _models = new();
    private readonly TempDir _pngs = new();

    public GlueFeedbackTests()
    {
        TestModels.BoxBlur(_models.Path, layers: 2);
        TestModels.PixelShuffle(_models.Path, 2);
        PluginModels.Catalog = () => new ModelCatalog([_models.Path]);
        PluginModels.Reset();
        PluginModels.Feedback = new RunFeedback(_pngs.Path);
    }

    public void Dispose()
    {
        PluginModels.Catalog = () => ModelCatalog.Default();
        PluginModels.Reset();
        PluginModels.Feedback = new RunFeedback(RunFeedback.DefaultPngFolder());
        _models.Dispose();
        _pngs.Dispose();
    }

    private static Bgra8Image Photo(int w = 96, int h = 64) => TestImages.Random(w, h, seed: 5);

    /// <summary>A denoise run whose model read of the layer (the first lock) fails, as a real failure would surface in the engine.</summary>
    private static FakeHost Failing(Exception failure, FakeServices? services = null)
    {
        var host = new FakeHost(new AiDenoiseEffect(), Photo(), services: services);
        int locks = 0;
        host.OnSourceLock = _ =>
        {
            if (Interlocked.Increment(ref locks) == 1)
            {
                throw failure;
            }
        };
        host.SetToken(host.Token());
        return host;
    }

    [Theory]
    [InlineData("oom", "Not enough memory to process 96×64 pixels")]
    [InlineData("directml", "The graphics card (DirectML) failed while running the AI model: DXGI_ERROR_DEVICE_HUNG")]
    public void Engine_failures_show_once_in_plain_words_and_the_layer_stays(string kind, string expected)
    {
        Exception failure = kind == "oom" ? new OutOfMemoryException() : new COMException("DXGI_ERROR_DEVICE_HUNG", unchecked((int)0x887A0006));
        var host = Failing(failure);
        var result = host.Render(tile: 32);
        var shown = Assert.Single(host.Services.Dialogs!.Shown);
        Assert.StartsWith(expected, shown.Message, StringComparison.Ordinal);
        Assert.Same(failure, shown.Exception); // the details behind "Show details"
        Assert.Equal(host.Layer.Data, result.Data); // every tile got the source pixels: not blank, and said why
    }

    [Fact]
    public void A_model_file_removed_after_listing_is_reported_by_name()
    {
        var gone = TestModels.Identity(_models.Path);
        PluginModels.Reset();
        var host = new FakeHost(new AiDenoiseEffect(), Photo());
        Assert.Contains("identity", ((StaticListChoiceProperty)host.Properties.First()).ValueChoices);
        File.Delete(gone);
        host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(AiDenoiseEffect.ModelProp).Value = "identity"));
        var result = host.Render(tile: 32);
        var shown = Assert.Single(host.Services.Dialogs!.Shown);
        Assert.Contains($"\"{Path.GetFileName(gone)}\" is missing", shown.Message, StringComparison.Ordinal);
        Assert.Equal(host.Layer.Data, result.Data);
    }

    [Fact]
    public void Dialogs_wait_for_the_ui_thread_and_without_it_run_on_the_render_thread()
    {
        var host = Failing(new OutOfMemoryException());
        host.Effect.StandInRender(new FakeOutput(host.Layer.Clone(), new RectInt32(0, 0, 32, 32)));
        var services = host.Services;
        Assert.Empty(services.Dialogs!.Shown); // posted, not shown from the render thread
        Assert.Equal(1, services.Ui!.Pending);
        services.Ui.Pump();
        Assert.Single(services.Dialogs.Shown);

        var direct = Failing(new OutOfMemoryException(), new FakeServices().WithoutUiThread());
        direct.Render(tile: 32);
        Assert.Single(direct.Services.Dialogs!.Shown);
    }

    [Fact]
    public void Gpu_fallback_is_told_once_per_paint_net_session()
    {
        var host = new FakeHost(new AiDenoiseEffect(), Photo());
        host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(Choices.DeviceProp).Value = "GPU"));
        host.Render();
        var notice = Assert.Single(host.Services.Dialogs!.Shown);
        Assert.StartsWith("AePaint ran on the CPU because the GPU could not be used:", notice.Message, StringComparison.Ordinal);
        Assert.NotNull(notice.Details);

        host.SetToken(host.Token(t =>
        {
            t.Required<StaticListChoiceProperty>(Choices.DeviceProp).Value = "GPU";
            t.Required<Int32Property>(AiDenoiseEffect.StrengthProp).Value = 40;
        }));
        host.Render();
        Assert.Single(host.Services.Dialogs.Shown);
    }

    private FakeHost SuperResolutionToClipboard(FakeServices services, bool savePng)
    {
        var host = new FakeHost(new AiSuperResolutionEffect(), Photo(100, 80), new RectInt32(10, 20, 30, 25), services: services);
        host.SetToken(host.Token(t =>
        {
            t.Required<StaticListChoiceProperty>(AiSuperResolutionEffect.OutputProp).Value = AiSuperResolutionEffect.Outputs[(int)SuperResolutionOutput.Clipboard];
            t.Required<BooleanProperty>(AiSuperResolutionEffect.SavePngProp).Value = savePng;
        }));
        return host;
    }

    [Fact]
    public void Clipboard_mode_copies_the_full_size_result_once_and_leaves_the_layer()
    {
        var services = new FakeServices();
        var host = SuperResolutionToClipboard(services, savePng: false);
        var result = host.Render(area: new RectInt32(0, 0, 100, 80));
        Assert.Equal(host.Layer.Data, result.Data);
        var copied = Assert.Single(services.Clipboard!.Images);
        Assert.Equal((60, 50), (copied.Width, copied.Height));
        Assert.Equal(((AiSuperResolutionEffect)host.Effect).Run!.FullSizeResult!.Data, copied.Data);
        Assert.Empty(services.Dialogs!.Shown);
        Assert.Empty(Directory.GetFiles(_pngs.Path));

        host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(AiSuperResolutionEffect.OutputProp).Value = AiSuperResolutionEffect.Outputs[(int)SuperResolutionOutput.Clipboard]));
        host.Render(); // the same settings again (the dialog's OK): the same run, not copied twice
        Assert.Single(services.Clipboard.Images);
    }

    [Fact]
    public void Save_as_png_writes_the_result_once()
    {
        var services = new FakeServices();
        var host = SuperResolutionToClipboard(services, savePng: true);
        host.Render();
        var file = Assert.Single(Directory.GetFiles(_pngs.Path));
        Assert.Equal(services.Clipboard!.Images[0].Data, PngCodec.Decode(File.ReadAllBytes(file)).Data);
        Assert.Empty(services.Dialogs!.Shown);
    }

    [Fact]
    public void Without_a_clipboard_service_the_result_is_saved_and_the_user_told_where()
    {
        var services = new FakeServices { Clipboard = null };
        var host = SuperResolutionToClipboard(services, savePng: false);
        host.Render();
        var file = Assert.Single(Directory.GetFiles(_pngs.Path));
        var shown = Assert.Single(services.Dialogs!.Shown);
        Assert.StartsWith("The 60×50 result could not be put on the clipboard", shown.Message, StringComparison.Ordinal);
        Assert.Contains(file, shown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public unsafe void Each_effect_has_its_embedded_icon()
    {
        foreach (var (effect, name) in new (PropertyBasedBitmapEffect, string)[] { (new AiDenoiseEffect(), "AiDenoise"), (new AiSuperResolutionEffect(), "AiSuperResolution") })
        {
            var icon = Assert.IsAssignableFrom<IBitmap<ColorBgra32>>(effect.StandInImage);
            var png = PngCodec.Decode(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "src", "AePaint.PaintDotNet", "Icons", name + ".png")));
            Assert.Equal((16, 16), (icon.Size.Width, icon.Size.Height));
            using var lk = icon.Lock(new RectInt32(0, 0, 16, 16), BitmapLockOptions.Read);
            Assert.True(new ReadOnlySpan<byte>(lk.Buffer, png.Data.Length).SequenceEqual(png.Data), name);
            Assert.True(png.HasTransparency() && !png.IsGray(), name);
        }
    }

    [Fact]
    public void The_plugin_version_is_the_release_version_from_directory_build_props()
    {
        var props = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Build.props"));
        var version = Version.Parse(props.Descendants("Version").Single().Value);
        var info = new AePaintPluginInfo();
        Assert.Equal(version, new Version(info.Version.Major, info.Version.Minor, info.Version.Build));
        Assert.Equal(version, new Version(typeof(AiDenoiseEffect).Assembly.GetName().Version!.ToString(3)));
    }

    [Fact]
    public void Output_choices_follow_the_output_modes()
    {
        Assert.Equal(Enum.GetValues<SuperResolutionOutput>().Length, AiSuperResolutionEffect.Outputs.Length);
        var host = new FakeHost(new AiSuperResolutionEffect(), Photo(100, 80), new RectInt32(60, 50, 30, 20));
        var ui = host.Effect.StandInCreateConfigUI(host.Properties);
        var text = (string)ui.Values[(AiSuperResolutionEffect.OutputProp, ControlInfoPropertyNames.Description)];
        Assert.Contains("×2 → 60×40", text, StringComparison.Ordinal);
        Assert.Contains("Paste into New Image", text, StringComparison.Ordinal);
        Assert.Contains(_pngs.Path, (string)ui.Values[(AiSuperResolutionEffect.SavePngProp, ControlInfoPropertyNames.Description)], StringComparison.Ordinal);
    }
}
