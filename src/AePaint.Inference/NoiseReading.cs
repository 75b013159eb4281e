using System.Globalization;
using AePaint.Imaging.Noise;

namespace AePaint.Inference;

/// <summary>What "auto" read off an image: the σ the model is told and the measurements behind it.</summary>
/// <param name="Sigma">σ (0..255 units) for the model's noise map.</param>
/// <param name="ColourSigma">The colour patch-PCA estimate: exact for white noise in every channel.</param>
/// <param name="Photo">The camera-noise measurements (luma at two scales, chroma, level function).</param>
public sealed record NoiseReading(float Sigma, double ColourSigma, PhotoNoise Photo)
{
    /// <summary>One line for verbose output: the σ used and what it came from.</summary>
    public string Describe()
    {
        var p = Photo;
        var levels = p.LevelFunction.Count == 0 ? "too few flat blocks" : string.Join(", ", p.LevelFunction.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Level:F2}: {l.Sigma:F1}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"auto σ {Sigma:F1} — camera-noise estimate {p.EquivalentSigma:F1} (luma {p.LumaFine:F2} at full size, {p.LumaCoarse:F2} at half size, whiteness {p.Whiteness:F2}), colour patch-PCA {ColourSigma:F1}; chroma ≈ {p.ChromaSigma:F1}; half-size luma σ by brightness {levels}");
    }
}
