namespace AePaint.Imaging.Noise;

/// <summary>One 8×8 block of one channel: its linear-light mean and the white-noise variance its pixels show.</summary>
public readonly record struct NoiseBlock(double Mean, double Variance);
