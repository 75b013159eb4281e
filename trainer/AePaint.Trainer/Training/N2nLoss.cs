using static TorchSharp.torch;

namespace AePaint.Trainer.Training;

/// <summary>The two losses of one Neighbor2Neighbor evaluation, as 0-d tensors.</summary>
internal sealed record N2nLoss(Tensor Total, Tensor Reconstruction, Tensor Regulariser);
