namespace AePaint.Inference;

/// <summary>Progress after each finished tile.</summary>
public readonly record struct TileProgress(int Done, int Total);
