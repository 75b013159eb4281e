using AePaint.Inference.Embedding;

namespace AePaint.Evaluation.AutoChoice;

public sealed record AutoPickReport(string Command, string Set, string Condition, string Embedder, IReadOnlyList<string> Models, IReadOnlyList<string> ModelsWithDomain, int Images, double HitRate, double MeanRegret, IReadOnlyList<AutoPickImage> PerImage);
