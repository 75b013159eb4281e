using AePaint.Inference;

namespace AePaint.Effects;

/// <summary>AI Super-Resolution settings as the dialog holds them.</summary>
/// <param name="SavePng">Clipboard mode: also save the full-size result as a PNG file (see <see cref="RunFeedback"/>).</param>
public sealed record SuperResolutionSettings(
    string? ModelPath,
    SuperResolutionOutput Output = SuperResolutionOutput.IntoCanvas,
    ExecutionDevice Device = ExecutionDevice.Auto,
    int TileSize = SettingLimits.TileAuto,
    bool SavePng = false,
    int Passes = 1)
{
    public RunSettings ToRunSettings() => new() { TileSize = EngineOptions.Tile(TileSize), Passes = SettingLimits.Passes(Passes) };
}
