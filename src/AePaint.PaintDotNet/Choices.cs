using AePaint.Effects;
using AePaint.Inference;
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
