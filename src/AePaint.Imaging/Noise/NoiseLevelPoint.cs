namespace AePaint.Imaging.Noise;

/// <summary>One point of a noise-level function: luma σ (0..255, 2×-reduced scale) of the flattest blocks at a level.</summary>
/// <param name="Level">Mean luma of the intensity bin, 0..1.</param>
/// <param name="Sigma">Low-quantile block σ in that bin (0..255 units), as <see cref="PhotoNoise.LumaCoarse"/>.</param>
/// <param name="Blocks">How many blocks fell in the bin.</param>
public sealed record NoiseLevelPoint(double Level, double Sigma, int Blocks);
