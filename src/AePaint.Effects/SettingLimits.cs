using AePaint.Inference;

namespace AePaint.Effects;

/// <summary>Ranges and defaults of the dialog controls, shared by the glue and the tests.</summary>
public static class SettingLimits
{
    public const int TileAuto = 0;
    public const int TileMin = 128;
    public const int TileMax = 1024;
    /// <summary>The manual noise level a dialog starts at, brought into the installed models' range (<see cref="NoiseLevelSlider"/>).</summary>
    public const double SigmaDefault = 25;
    public const int StrengthDefault = 100;

    /// <summary>Self-ensemble passes, clamped to what <see cref="SelfEnsemble"/> takes (1, 2, 4, 8).</summary>
    public static int Passes(int dialogValue) => SelfEnsemble.AllowedPasses.LastOrDefault(p => p <= dialogValue, 1);
}
