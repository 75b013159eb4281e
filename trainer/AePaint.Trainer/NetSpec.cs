using AePaint.Inference.Cards;

namespace AePaint.Trainer;

/// <summary>Which net a process trains: what <see cref="NetGradientCheck"/> builds to check its backward.</summary>
internal sealed record NetSpec(ModelTask Task, string Preset, int Scale)
{
    public static NetSpec Of(Training.TrainOptions options) =>
        new(options.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution, options.Network.Preset, options.Network.Scale);

    public override string ToString() => Task == ModelTask.Denoise ? $"denoise {Preset}" : $"sr ×{Scale} {Preset}";
}
