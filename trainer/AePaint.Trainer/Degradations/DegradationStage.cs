namespace AePaint.Trainer.Degradations;

/// <summary>A step and the probability it runs.</summary>
public sealed record DegradationStage(IDegradation Step, double Probability = 1);
