namespace AePaint.Imaging.Noise;

/// <summary>An estimated Gaussian noise level.</summary>
/// <param name="Sigma">σ in 0..255 units (per channel, as for AWGN added to every channel alike).</param>
/// <param name="Planes">How many planes the patches spanned: 3 for colour, 1 for a gray image (1 plane, or R = G = B).</param>
/// <param name="Patches">How many patches the final estimate used (after subsampling and selection).</param>
public sealed record NoiseEstimate(double Sigma, int Planes, int Patches);
