namespace AePaint.Trainer.NoiseEstimation;

/// <summary>One labelled crop: how it was degraded, the denoiser's PSNR at each σ of the set's grid, and the best σ.</summary>
internal sealed record NoiseLabel(int Index, string Kind, string Detail, double BestSigma, double[] Psnr);
