using TorchSharp;
using static TorchSharp.torch;

namespace AePaint.Trainer.Latent;

/// <summary>One logged step.</summary>
internal sealed record LatentStep(long Step, double Loss, double Mse, double Kl);
