using AePaint.Effects;
using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.Inference;
using AePaint.TestSupport;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;

namespace AePaint.PaintDotNet.Tests;

/// <summary>AI Denoise's noise-level control against the stand-in: its range is the installed models' card range.</summary>
[Collection(PluginState.Name)]
public sealed class NoiseLevelGlueTests : IDisposable
{
    private readonly TempDir _models = new();
    private readonly string _nmap30;

    public NoiseLevelGlueTests()
    {
        _nmap30 = TestModels.SubtractNoiseMap(_models.Path, sigmaMax: 30, name: "nmap30");
        TestModels.BoxBlur(_models.Path, layers: 1); // a model without a noise-level input does not narrow the range
        PluginModels.Catalog = () => new ModelCatalog([_models.Path]);
        PluginModels.Reset();
    }

    public void Dispose()
    {
        PluginModels.Catalog = () => ModelCatalog.Default();
        PluginModels.Reset();
        _models.Dispose();
    }

    private static Bgra8Image Noisy(float sigma) =>
        PixelConversion.ToBgra8(GaussianNoise.AddAwgn(PixelConversion.ToPlanar(Bgra8Image.Solid(128, 96, 128, 128, 128)), sigma, seed: 7, clip: true));

    [Fact]
    public void The_slider_spans_the_card_range_and_refuses_beyond_it()
    {
        var host = new FakeHost(new AiDenoiseEffect(), Noisy(5));
        var slider = (Int32Property)host.Properties.Single(p => p.Name == AiDenoiseEffect.SigmaProp);
        Assert.Equal((0, 30, 25), (slider.MinValue, slider.MaxValue, slider.Value));
        var ui = host.Effect.StandInCreateConfigUI(host.Properties);
        Assert.Contains("σ 0–30, the range nmap30 was trained for", (string)ui.Values[(AiDenoiseEffect.SigmaProp, ControlInfoPropertyNames.Description)], StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => host.Token(t => t.Required<Int32Property>(AiDenoiseEffect.SigmaProp).Value = 31));

        var img = host.Layer;
        host.SetToken(host.Token(t =>
        {
            t.Required<StaticListChoiceProperty>(AiDenoiseEffect.ModelProp).Value = "nmap30";
            t.Required<BooleanProperty>(AiDenoiseEffect.AutoSigmaProp).Value = false;
            t.Required<Int32Property>(AiDenoiseEffect.SigmaProp).Value = 30;
        }));
        var expected = TiledRunner.Run(PluginModels.Sessions.Get(_nmap30, ExecutionDevice.Auto), img, new RunSettings { Sigma = 30 }).Image;
        Assert.Equal(expected.Data, host.Render().Data);
    }

    [Fact]
    public void An_estimate_above_the_range_is_shown_limited_and_run_at_the_limit()
    {
        var img = Noisy(50);
        var host = new FakeHost(new AiDenoiseEffect(), img);
        var ui = host.Effect.StandInCreateConfigUI(host.Properties);
        Assert.Matches(@"^Noise: auto \(≈ [4-6]\d → 30, the model's limit\)$", (string)ui.Values[(AiDenoiseEffect.AutoSigmaProp, ControlInfoPropertyNames.Description)]);

        host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(AiDenoiseEffect.ModelProp).Value = "nmap30"));
        var result = host.Render();
        Assert.Equal(30f, ((AiDenoiseEffect)host.Effect).Run!.Report!.Sigma);
        var expected = TiledRunner.Run(PluginModels.Sessions.Get(_nmap30, ExecutionDevice.Auto), img, new RunSettings { Sigma = 30 }).Image;
        Assert.Equal(expected.Data, result.Data);
    }
}
