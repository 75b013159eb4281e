using AePaint.Effects;
using AePaint.Inference;
using AePaint.Inference.Cards;
using PaintDotNet;
using PaintDotNet.Effects;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;

namespace AePaint.PaintDotNet;

/// <summary>Dialog choices shared by both effects.</summary>
internal static class Choices
{
    public static readonly object[] Devices = ["Auto", "GPU", "CPU"];

    public static readonly object[] TileSizes = ["Auto", "128", "256", "512", "1024"];

    public static ExecutionDevice Device(object value) => value switch
    {
        "GPU" => ExecutionDevice.Gpu,
        "CPU" => ExecutionDevice.Cpu,
        _ => ExecutionDevice.Auto,
    };

    public static int Tile(object value) => int.TryParse(value as string, out int t) ? t : SettingLimits.TileAuto;

    /// <summary>Self-ensemble passes behind each quality entry.</summary>
    public static readonly object[] Qualities = ["Fast", "Better (4 passes, 4× slower)", "Best (8 passes, 8× slower)"];

    public const string QualityProp = "Quality";

    public const string QualityHint = "Better/Best also run the model on mirrored and turned copies and average them: a little cleaner, slower.";

    public static int Passes(object value) => Array.IndexOf(Qualities, value) switch { 1 => 4, 2 => 8, _ => 1 };

    public const string DeviceProp = "Device";

    public const string TileProp = "Tile size";

    /// <summary>The quality, device and tile controls both dialogs end with.</summary>
    public static Property[] EngineProperties() =>
    [
        new StaticListChoiceProperty(QualityProp, Qualities, 0),
        new StaticListChoiceProperty(DeviceProp, Devices, 0),
        new StaticListChoiceProperty(TileProp, TileSizes, 0),
    ];

    public static void DescribeEngine(ControlInfo ui)
    {
        ui.SetPropertyControlValue(QualityProp, ControlInfoPropertyNames.Description, QualityHint);
        ui.SetPropertyControlValue(DeviceProp, ControlInfoPropertyNames.Description, "GPU uses DirectML and falls back to the CPU if the GPU cannot be used.");
    }

    /// <summary>What the engine controls of a token say.</summary>
    public static (ExecutionDevice Device, int Tile, int Passes) Engine(PropertyBasedEffectConfigToken token) => (
        Device(token.Required<StaticListChoiceProperty>(DeviceProp).Value),
        Tile(token.Required<StaticListChoiceProperty>(TileProp).Value),
        Passes(token.Required<StaticListChoiceProperty>(QualityProp).Value));
}

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
        var models = PluginModels.Labels(PluginModels.Refresh(ModelTask.Denoise));
        return new PropertyCollection(
        [
            new StaticListChoiceProperty(ModelProp, models, 0),
            new BooleanProperty(AutoSigmaProp, true),
            new Int32Property(SigmaProp, (int)SettingLimits.SigmaDefault, (int)SettingLimits.SigmaMin, (int)SettingLimits.SigmaMax),
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
        ui.SetPropertyControlValue(AutoSigmaProp, ControlInfoPropertyNames.Description, NoiseHint.Label(NoiseHint.Estimate(source, selection.Bounds)));
        ui.SetPropertyControlValue(SigmaProp, ControlInfoPropertyNames.Description, "Used when the automatic estimate is off; 8-bit levels.");
        ui.SetPropertyControlValue(DetailProp, ControlInfoPropertyNames.Description, "How much of the fine texture and grain the model removed to keep (0 = none).");
        ui.SetPropertyControlValue(ColorNoiseProp, ControlInfoPropertyNames.Description, "Colour-noise removal, apart from brightness noise (100 = the model's).");
        ui.SetPropertyControlValue(SplitProp, ControlInfoPropertyNames.Description, "Left half original, right half result. Switch it off before OK: it is applied as shown.");
        Choices.DescribeEngine(ui);
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
            PluginModels.PathFor(ModelTask.Denoise, token.Required<StaticListChoiceProperty>(ModelProp).Value),
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
        Choices.DescribeEngine(ui);
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
            PluginModels.PathFor(ModelTask.SuperResolution, token.Required<StaticListChoiceProperty>(ModelProp).Value),
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

/// <summary>What Paint.NET shows in its plugin list; the version is the assembly's (raised every release).</summary>
public sealed class AePaintPluginInfo : IPluginSupportInfo
{
    public string Author => "AePaint";

    public string Copyright => "© AePaint contributors";

    public string DisplayName => "AePaint AI photo restoration";

    public Version Version => typeof(AePaintPluginInfo).Assembly.GetName().Version ?? new Version(0, 0);

    public Uri WebsiteUri => new("https://github.com/aepaint/aepaint");
}
