namespace AePaint.Inference;

/// <summary>
/// One finished output row in model space: colour planes (1 or 3) starting at <see cref="Offset"/> in
/// <see cref="Planes"/>, values mapped back to [0, 1]; <see cref="Alpha"/> is the resampled alpha for
/// super-resolution of transparent images, else null.
/// </summary>
internal readonly record struct OutputRow(float[][] Planes, int Offset, int Width, float[]? Alpha);
