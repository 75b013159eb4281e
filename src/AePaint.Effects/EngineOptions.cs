namespace AePaint.Effects;

public static class EngineOptions
{
    /// <summary>Dialog tile size → engine tile size: Auto = the engine's default, else clamped to 128..1024.</summary>
    public static int? Tile(int dialogValue) =>
        dialogValue <= SettingLimits.TileAuto ? null : Math.Clamp(dialogValue, SettingLimits.TileMin, SettingLimits.TileMax);
}
