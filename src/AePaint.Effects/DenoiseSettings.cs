using AePaint.Inference;

namespace AePaint.Effects;

/// <summary>AI Denoise settings as the dialog holds them.</summary>
/// <param name="ModelPath">Chosen installed model (null or empty = none installed).</param>
/// <param name="AutoSigma">True = estimate σ from the photo.</param>
/// <param name="Sigma">Manual σ in 0..255 units (8-bit levels), within the model card's range (<see cref="NoiseLevelSlider"/>).</param>
/// <param name="StrengthPercent">0 = unchanged, 100 = the model's output.</param>
/// <param name="TileSize"><see cref="SettingLimits.TileAuto"/> or 128..1024.</param>
/// <param name="Passes">Self-ensemble passes: 1 (fast), 4 or 8 (slower, slightly cleaner).</param>
/// <param name="DetailPercent">Share of the removed fine luma texture and grain kept (<see cref="DenoiseMix"/>).</param>
/// <param name="ColorNoisePercent">Colour-noise removal strength, apart from luma; 100 = the model's.</param>
public sealed record DenoiseSettings(
    string? ModelPath,
    bool AutoSigma = true,
    double Sigma = SettingLimits.SigmaDefault,
    int StrengthPercent = SettingLimits.StrengthDefault,
    ExecutionDevice Device = ExecutionDevice.Auto,
    int TileSize = SettingLimits.TileAuto,
    int Passes = 1,
    int DetailPercent = DenoiseMix.DefaultDetailPercent,
    int ColorNoisePercent = DenoiseMix.DefaultColorNoisePercent)
{
    public RunSettings ToRunSettings() => new()
    {
        TileSize = EngineOptions.Tile(TileSize),
        Passes = SettingLimits.Passes(Passes),
        Sigma = AutoSigma ? null : (float)Sigma, // the slider offers only the models' range; the engine refuses anything else
        Strength = Math.Clamp(StrengthPercent, 0, 100) / 100f,
        Detail = Math.Clamp(DetailPercent, 0, 100) / 100f,
        ColorNoise = Math.Clamp(ColorNoisePercent, 0, 100) / 100f,
    };
}
