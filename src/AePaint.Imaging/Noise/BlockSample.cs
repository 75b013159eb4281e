namespace AePaint.Imaging.Noise;

/// <summary>One block's mean level (0..1) and its noise σ as the Laplacian residual reads it (0..255 units).</summary>
public readonly record struct BlockSample(float Mean, float Sigma);
