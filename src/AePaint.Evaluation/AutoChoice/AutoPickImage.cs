using AePaint.Inference.Embedding;

namespace AePaint.Evaluation.AutoChoice;

/// <summary>One image: every candidate's PSNR, the best one and what auto chose.</summary>
public sealed record AutoPickImage(string Domain, string Image, IReadOnlyDictionary<string, double> Psnr, string Best, string Auto, bool Fallback, bool Hit, double Regret, string AutoReason);
