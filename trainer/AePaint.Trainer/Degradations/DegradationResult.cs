using AePaint.Imaging;

namespace AePaint.Trainer.Degradations;

/// <summary>The degraded image and what the step did.</summary>
public readonly record struct DegradationResult(PlanarImage Image, StepReport Report);
