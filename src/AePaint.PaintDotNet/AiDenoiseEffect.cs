using AePaint.Effects;
using AePaint.Inference;
using AePaint.Inference.Cards;
using PaintDotNet;
using PaintDotNet.Effects;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;

namespace AePaint.PaintDotNet;

/// <summary>Effects › Noise › AI Denoise.</summary>
[PluginSupportInfo(typeof(AePaintPluginInfo))]
public sealed class AiDenoiseEffect : PropertyBasedBitmapEffect
{
    internal const string ModelProp = "Model";
    internal const string AutoSigmaProp = "Estimate noise level automatically";
    internal const string SigmaProp = "Noise level σ (if not automatic)";
    internal const string StrengthProp = "Strength %";
    internal const string DetailProp = "Detail %";
    internal const string ColorNoiseProp = "Colour noise %";
    internal const string SplitProp = "Preview: split";

    private EffectRun? _run;

    public AiDenoiseEffect()
        : base("AI Denoise", Bitmaps.Icon("AiDenoise"), SubmenuNames.Noise, BitmapEffectOptions.Create() with { IsConfigurable = true })
    {
    }

    internal EffectRun? Run => _run;

    protected override PropertyCollection OnCreatePropertyCollection()
    {
        var choices = PluginModels.Refresh(ModelTask.Denoise);
        var sigma = NoiseLevelSlider.For(choices);
        return new PropertyCollection(
        [
            new StaticListChoiceProperty(ModelProp, PluginModels.Labels(choices), 0),
            new BooleanProperty(AutoSigmaProp, true),
            new Int32Property(SigmaProp, sigma.Default, sigma.Min, sigma.Max),
            new Int32Property(StrengthProp, SettingLimits.StrengthDefault, 0, 100),
            new Int32Property(DetailProp, DenoiseMix.DefaultDetailPercent, 0, 100),
            new Int32Property(ColorNoiseProp, DenoiseMix.DefaultColorNoisePercent, 0, 100),
            new BooleanProperty(SplitProp, false),
            .. Choices.EngineProperties(),
        ]);
    }

    protected override ControlInfo OnCreateConfigUI(PropertyCollection props)
    {
        var ui = CreateDefaultConfigUI(props);
        var (source, selection) = Glue.Inputs(Environment);
        var choices = PluginModels.Get(ModelTask.Denoise);
        ui.SetPropertyControlValue(AutoSigmaProp, ControlInfoPropertyNames.Description, NoiseHint.Label(NoiseHint.Estimate(source, selection.Bounds), choices));
        ui.SetPropertyControlValue(SigmaProp, ControlInfoPropertyNames.Description, NoiseLevelSlider.For(choices).Description);
        ui.SetPropertyControlValue(DetailProp, ControlInfoPropertyNames.Description, "How much of the fine texture and grain the model removed to keep (0 = none).");
        ui.SetPropertyControlValue(ColorNoiseProp, ControlInfoPropertyNames.Description, "Colour-noise removal, apart from brightness noise (100 = the model's).");
        ui.SetPropertyControlValue(SplitProp, ControlInfoPropertyNames.Description, "Left half original, right half result. Switch it off before OK: it is applied as shown.");
        Choices.DescribeEngine(ui, ModelTask.Denoise, selection.Bounds);
        return ui;
    }

    protected override void OnInitializeRenderInfo(IBitmapEffectRenderInfo renderInfo) => Glue.InitializeRenderInfo(renderInfo, writesPastSelection: false);

    protected override void OnSetToken(PropertyBasedEffectConfigToken? newToken)
    {
        _run = Glue.NextRun(_run, newToken, Environment, Settings, (s, source, selection) =>
            EffectRun.Denoise(s, source, selection, PluginModels.Sessions, installed: PluginModels.Installed, shot: Glue.Shot(Environment), hostMasksSelection: true, perTile: true));
        if (_run != null && newToken != null)
        {
            _run.SplitView = newToken.GetProperty<BooleanProperty>(SplitProp)?.Value ?? false; // no split control: no split
        }

        base.OnSetToken(newToken);
    }

    private static DenoiseSettings Settings(PropertyBasedEffectConfigToken token)
    {
        var engine = Choices.Engine(token);
        return new DenoiseSettings(
            PluginModels.PathFor(ModelTask.Denoise, token.Required<StaticListChoiceProperty>(ModelProp).Value, engine.Quality),
            token.Required<BooleanProperty>(AutoSigmaProp).Value,
            token.Required<Int32Property>(SigmaProp).Value,
            token.Required<Int32Property>(StrengthProp).Value,
            engine.Device,
            engine.Tile,
            engine.Passes,
            token.Required<Int32Property>(DetailProp).Value,
            token.Required<Int32Property>(ColorNoiseProp).Value);
    }

    protected override void OnRender(IBitmapEffectOutput output) => Glue.Render(_run, output, CancellationToken, Services);
}
