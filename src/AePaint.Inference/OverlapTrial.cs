namespace AePaint.Inference;

/// <summary>One overlap tried by <see cref="OverlapProbe"/>: the tiles it took and how far the result strays.</summary>
/// <param name="MaxLevels">Largest difference from the whole-image run, in 8-bit levels.</param>
/// <param name="P999Levels">99.9th percentile of the differences.</param>
public sealed record OverlapTrial(int Overlap, int Tiles, double Seconds, double MaxLevels, double P999Levels);
