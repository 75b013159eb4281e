namespace AePaint.Inference.Embedding;

/// <summary>An installed embedder: its file, card name and weights fingerprint.</summary>
public sealed record EmbedderInfo(string Path, string Name, string Hash);
