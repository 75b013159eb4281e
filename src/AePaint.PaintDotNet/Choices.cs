using AePaint.Effects;
using AePaint.Inference;
using AePaint.Inference.Cards;
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

    /// <summary>The model of the pair (<see cref="ModelPair"/>): Fast first, the default.</summary>
    public static readonly object[] Qualities = ["Fast", "Best"];

    public const string QualityProp = "Quality";

    public static ModelQuality Quality(object value) => Equals(value, Qualities[1]) ? ModelQuality.Best : ModelQuality.Fast;

    /// <summary>Self-ensemble passes behind each entry.</summary>
    public static readonly object[] ExtraPasses = ["None", "4 (4× slower)", "8 (8× slower)"];

    public const string PassesProp = "Extra passes";

    public const string PassesHint = "Also run the model on mirrored and turned copies and average them: a little cleaner, slower.";

    public static int Passes(object value) => Array.IndexOf(ExtraPasses, value) switch { 1 => 4, 2 => 8, _ => 1 };

    public const string DeviceProp = "Device";

    public const string TileProp = "Tile size";

    /// <summary>The quality, passes, device and tile controls both dialogs end with.</summary>
    public static Property[] EngineProperties() =>
    [
        new StaticListChoiceProperty(QualityProp, Qualities, 0),
        new StaticListChoiceProperty(PassesProp, ExtraPasses, 0),
        new StaticListChoiceProperty(DeviceProp, Devices, 0),
        new StaticListChoiceProperty(TileProp, TileSizes, 0),
    ];

    /// <summary>The engine controls' descriptions; Quality's names the pair's models and their CPU time for <paramref name="selection"/>.</summary>
    public static void DescribeEngine(ControlInfo ui, ModelTask task, Rect selection)
    {
        var choices = PluginModels.Get(task);
        _ = PluginModels.Rates.Measure(QualityHint.Models(task, choices), PluginModels.Sessions); // once per model and machine, off this (UI) thread
        ui.SetPropertyControlValue(QualityProp, ControlInfoPropertyNames.Description, QualityHint.Text(task, choices, selection, PluginModels.Rates));
        ui.SetPropertyControlValue(PassesProp, ControlInfoPropertyNames.Description, PassesHint);
        ui.SetPropertyControlValue(DeviceProp, ControlInfoPropertyNames.Description, "GPU uses DirectML and falls back to the CPU if the GPU cannot be used.");
    }

    /// <summary>What the engine controls of a token say.</summary>
    public static (ExecutionDevice Device, int Tile, int Passes, ModelQuality Quality) Engine(PropertyBasedEffectConfigToken token) => (
        Device(token.Required<StaticListChoiceProperty>(DeviceProp).Value),
        Tile(token.Required<StaticListChoiceProperty>(TileProp).Value),
        Passes(token.Required<StaticListChoiceProperty>(PassesProp).Value),
        Quality(token.Required<StaticListChoiceProperty>(QualityProp).Value));
}
