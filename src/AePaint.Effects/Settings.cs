using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>The three ways an upscale can leave Paint.NET (effects cannot resize the canvas).</summary>
public enum SuperResolutionOutput
{
    /// <summary>Render the ×s result into the canvas anchored at the selection's top-left (enlarge the canvas first).</summary>
    IntoCanvas,

    /// <summary>Put the full-size result on the clipboard for Edit › Paste into New Image; the layer is unchanged.</summary>
    Clipboard,

    /// <summary>Upscale, then MATLAB-bicubic back to the original size: same size, enhanced detail.</summary>
    EnhanceInPlace,
}

/// <summary>Ranges and defaults of the dialog controls, shared by the glue and the tests.</summary>
public static class SettingLimits
{
    public const int TileAuto = 0;
    public const int TileMin = 128;
    public const int TileMax = 1024;
    public const double SigmaMin = 0;
    public const double SigmaMax = 75;
    public const double SigmaDefault = 25;
    public const int StrengthDefault = 100;

    /// <summary>Self-ensemble passes, clamped to what <see cref="SelfEnsemble"/> takes (1, 2, 4, 8).</summary>
    public static int Passes(int dialogValue) => SelfEnsemble.AllowedPasses.LastOrDefault(p => p <= dialogValue, 1);
}

/// <summary>AI Denoise settings as the dialog holds them.</summary>
/// <param name="ModelPath">Chosen installed model (null or empty = none installed).</param>
/// <param name="AutoSigma">True = estimate σ from the photo.</param>
/// <param name="Sigma">Manual σ in 0..255 units (8-bit levels).</param>
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
        Sigma = AutoSigma ? null : (float)Math.Clamp(Sigma, SettingLimits.SigmaMin, SettingLimits.SigmaMax),
        Strength = Math.Clamp(StrengthPercent, 0, 100) / 100f,
        Detail = Math.Clamp(DetailPercent, 0, 100) / 100f,
        ColorNoise = Math.Clamp(ColorNoisePercent, 0, 100) / 100f,
    };
}

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

public static class EngineOptions
{
    /// <summary>Dialog tile size → engine tile size: Auto = the engine's default, else clamped to 128..1024.</summary>
    public static int? Tile(int dialogValue) =>
        dialogValue <= SettingLimits.TileAuto ? null : Math.Clamp(dialogValue, SettingLimits.TileMin, SettingLimits.TileMax);
}

/// <summary>One entry of the dialog's model list.</summary>
public sealed record ModelChoice(string Path, ModelCard Card)
{
    public string Label =>
        IsAuto ? AutoModel.Label(Card.Task, Card.Scale) : Card.Task == ModelTask.SuperResolution ? $"{Card.Name} (×{Card.Scale})" : Card.Name;

    /// <summary>True for the "Auto" entry (<see cref="AutoModel"/>), whose path is resolved per run.</summary>
    public bool IsAuto => AutoModel.TryParse(Path, out _, out _);
}

/// <summary>The installed models a dialog offers, from their cards.</summary>
public static class ModelChoices
{
    /// <summary>Usable models of <paramref name="task"/>, the default one (denoise-general, sr-x2-general, …) first, then by scale and name.</summary>
    public static IReadOnlyList<ModelChoice> For(ModelTask task, IEnumerable<CatalogEntry> installed)
    {
        return installed
            .Where(e => e.Card is { } c && c.Task == task && c.Problems().Count == 0)
            .Select(e => new ModelChoice(e.Path, e.Card!))
            .OrderBy(c => string.Equals(c.Card.Name, ModelCatalog.DefaultName(task, Math.Max(2, c.Card.Scale)), StringComparison.OrdinalIgnoreCase) && (task == ModelTask.Denoise || c.Card.Scale == 2) ? 0 : 1)
            .ThenBy(c => c.Card.Scale)
            .ThenBy(c => c.Card.Name, StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    /// <summary>What the dialog says when the list is empty (the effect then reports the same text as an error).</summary>
    public static string NoneInstalled(ModelTask task, IEnumerable<string> folders) =>
        $"No {(task == ModelTask.Denoise ? "denoise" : "super-resolution")} model is installed. Put a model (.onnx) in one of: {string.Join("; ", folders)}.";
}
