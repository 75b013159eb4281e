namespace AePaint.Inference.Embedding;

/// <summary>The photo's EXIF camera ("Make Model") and ISO, when the host knows them.</summary>
public sealed record ShotInfo(string? Camera, int? Iso);
