using AePaint.Imaging.Noise;

namespace AePaint.Trainer.Training;

/// <summary>One ISO's fitted noise: variance a·x + b in linear light, from this many photos.</summary>
internal sealed record IsoNoise(int Iso, int Photos, double Shot, double Read)
{
    public PoissonGaussianModel Model => new(Shot, Read);
}
