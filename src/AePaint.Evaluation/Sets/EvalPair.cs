namespace AePaint.Evaluation.Sets;

/// <summary>A real-noise pair: the noisy photo and its ground truth (e.g. SIDD NOISY_i / GT_i).</summary>
public sealed record EvalPair(string Name, EvalImage Noisy, EvalImage Clean);
