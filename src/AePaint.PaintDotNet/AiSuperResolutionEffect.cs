using AePaint.Effects;
using AePaint.Inference.Cards;
using PaintDotNet;
using PaintDotNet.Effects;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;

namespace AePaint.PaintDotNet;

/// <summary>Effects › Photo › AI Super-Resolution.</summary>
[PluginSupportInfo(typeof(AePaintPluginInfo))]
public sealed class AiSuperResolutionEffect : PropertyBasedBitmapEffect
{
    internal const string ModelProp = "Model (scale)";
    internal const string OutputProp = "Output";
    internal const string SavePngProp = "Also save the clipboard result as PNG";

    /// <summary>Output modes as the dialog lists them, in <see cref="SuperResolutionOutput"/> order; the limitation (effects cannot resize the canvas) is said in the label.</summary>
    internal static readonly object[] Outputs =
    [
        "Into the canvas at the selection's top-left (enlarge the canvas first)",
        "Copy the full-size result to the clipboard (Edit › Paste into New Image)",
        "Enhance detail in place (same size)",
    ];

    private EffectRun? _run;

    public AiSuperResolutionEffect()
        : base("AI Super-Resolution", Bitmaps.Icon("AiSuperResolution"), SubmenuNames.Photo, BitmapEffectOptions.Create() with { IsConfigurable = true })
    {
    }

    internal EffectRun? Run => _run;

    protected override PropertyCollection OnCreatePropertyCollection()
    {
        var models = PluginModels.Labels(PluginModels.Refresh(ModelTask.SuperResolution));
        return new PropertyCollection(
        [
            new StaticListChoiceProperty(ModelProp, models, 0),
            new StaticListChoiceProperty(OutputProp, Outputs, 0),
            new BooleanProperty(SavePngProp, false),
            .. Choices.EngineProperties(),
        ]);
    }

    protected override ControlInfo OnCreateConfigUI(PropertyCollection props)
    {
        var ui = CreateDefaultConfigUI(props);
        ui.SetPropertyControlValue(OutputProp, ControlInfoPropertyNames.Description, OutputHint());
        ui.SetPropertyControlValue(SavePngProp, ControlInfoPropertyNames.Description, DialogText.SavePng(PluginModels.Feedback.PngFolder));
        Choices.DescribeEngine(ui, ModelTask.SuperResolution, Glue.Inputs(Environment).Selection.Bounds);
        return ui;
    }

    protected override void OnInitializeRenderInfo(IBitmapEffectRenderInfo renderInfo) => Glue.InitializeRenderInfo(renderInfo, writesPastSelection: true);

    protected override void OnSetToken(PropertyBasedEffectConfigToken? newToken)
    {
        _run = Glue.NextRun(_run, newToken, Environment, Settings, (s, source, selection) =>
            EffectRun.SuperResolution(s, source, selection, PluginModels.Sessions, installed: PluginModels.Installed, perTile: true));
        base.OnSetToken(newToken);
    }

    private static SuperResolutionSettings Settings(PropertyBasedEffectConfigToken token)
    {
        var output = (SuperResolutionOutput)Math.Max(0, Array.IndexOf(Outputs, token.Required<StaticListChoiceProperty>(OutputProp).Value));
        var engine = Choices.Engine(token);
        return new SuperResolutionSettings(
            PluginModels.PathFor(ModelTask.SuperResolution, token.Required<StaticListChoiceProperty>(ModelProp).Value, engine.Quality),
            output,
            engine.Device,
            engine.Tile,
            token.Required<BooleanProperty>(SavePngProp).Value,
            engine.Passes);
    }

    protected override void OnRender(IBitmapEffectOutput output) => Glue.Render(_run, output, CancellationToken, Services);

    /// <summary>The sizes each output mode gives, for every installed scale and the current selection.</summary>
    private string OutputHint()
    {
        var scales = PluginModels.Get(ModelTask.SuperResolution).Where(c => !c.IsAuto).Select(c => c.Card.Scale).ToArray();
        try
        {
            var size = Environment.GetSourceBitmapBgra32().Size;
            return DialogText.SuperResolutionOutputs(Glue.FromHost(Environment.Selection.RenderBounds), scales, size.Width, size.Height);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            return "Effects cannot resize the canvas: to keep the whole result, enlarge the canvas first (Image › Canvas Size, anchored top-left), copy it to the clipboard, or choose \"Enhance detail in place\".";
        }
    }
}
