using AePaint.Inference.Cards;

namespace AePaint.Inference.Embedding;

/// <summary>A model "auto" may choose.</summary>
public sealed record AutoCandidate(string Path, ModelCard Card);
