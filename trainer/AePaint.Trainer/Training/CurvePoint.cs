namespace AePaint.Trainer.Training;

/// <summary>
/// One point on the training curve. ValidationLoss: the self-supervised loss on held-out noisy photos (noisy-only);
/// BaseScore: the fine-tune base's hold-out score (PSNR, or the negated self-supervised loss) on the same crops.
/// </summary>
internal sealed record CurvePoint(long Step, double Loss, double LearningRate, double? ValidationPsnr = null, double? ValidationSsim = null, double? ValidationLoss = null, double? BaseScore = null);
