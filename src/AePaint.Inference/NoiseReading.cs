using System.Globalization;
using AePaint.Imaging.Noise;

namespace AePaint.Inference;

/// <summary>What "auto" read off an image: the σ the model is told and the measurements behind it.</summary>
/// <param name="Sigma">σ (0..255 units) for the model's noise map: 0 when there is nothing to remove.</param>
/// <param name="Measured">The σ read, before the "nothing to remove" decision.</param>
/// <param name="ColourSigma">The colour patch-PCA estimate: exact for white noise in every channel.</param>
/// <param name="Photo">The camera-noise measurements (luma at three scales, chroma, level function).</param>
/// <param name="JpegQuality">The JPEG quality the pixels were saved at (read off the 8×8 grid), null when they show none.</param>
/// <param name="Statistical">The statistical reading before the model judged it (<see cref="MethodNoise.Judge"/>), null when not judged.</param>
/// <param name="RemovedRatio">What the model removed at the probe levels, RMS ÷ σ, null when not judged.</param>
public sealed record NoiseReading(float Sigma, double Measured, double ColourSigma, PhotoNoise Photo, int? JpegQuality = null, double? Statistical = null, double? RemovedRatio = null)
{
    /// <summary>The reading is below <see cref="NoiseLevel.NothingBelow"/>: the model is told σ 0.</summary>
    public bool NothingToRemove => Measured < NoiseLevel.NothingBelow;

    /// <summary>Short form for the dialog and summaries: "≈ 6", or "≈ 0.6, nothing to remove".</summary>
    public string Short() => NothingToRemove
        ? string.Create(CultureInfo.InvariantCulture, $"≈ {Measured:0.0}, nothing to remove")
        : string.Create(CultureInfo.InvariantCulture, $"≈ {Sigma:0}");

    /// <summary>One line for verbose output: the σ used and what it came from.</summary>
    public string Describe()
    {
        var p = Photo;
        var levels = p.LevelFunction.Count == 0 ? "too few flat blocks" : string.Join(", ", p.LevelFunction.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Level:F2}: {l.Sigma:F1}")));
        string used = NothingToRemove
            ? string.Create(CultureInfo.InvariantCulture, $"auto σ 0 (read {Measured:F1}: nothing to remove)")
            : string.Create(CultureInfo.InvariantCulture, $"auto σ {Sigma:F1}");
        string jpeg = JpegQuality is { } q
            ? string.Create(CultureInfo.InvariantCulture, $"JPEG quality {q}")
            : "no JPEG grid";
        string judged = Statistical is { } st && RemovedRatio is { } ratio
            ? string.Create(CultureInfo.InvariantCulture, $" — the model judged the statistical {st:F1}: it removes {ratio:F2} σ at σ {MethodNoise.Probes[0]:0}/{MethodNoise.Probes[1]:0} (noise ≥ {MethodNoise.KeepFrom:F2}, texture ≤ {MethodNoise.DropBelow:F2})")
            : string.Empty;
        return used + judged + string.Create(CultureInfo.InvariantCulture,
            $" — camera-noise estimate {p.EquivalentSigma:F1} (luma {p.LumaFine:F2} at full size, {p.LumaCoarse:F2} at half size, {p.LumaCoarser:F2} at quarter size, {p.LumaCoarsePca:F2} half-size patch PCA; whiteness {p.Whiteness:F2}, scale ratio {p.ScaleRatio:F2}), colour patch-PCA {ColourSigma:F1}; {jpeg}; chroma ≈ {p.ChromaSigma:F1}; half-size luma σ by brightness {levels}");
    }
}
