using AePaint.Inference.Cards;

namespace AePaint.Trainer;

/// <summary>Which net a process trains, and in which memory layout: what <see cref="NetGradientCheck"/> builds to check its backward.</summary>
internal sealed record NetSpec(ModelTask Task, string Preset, int Scale, bool ChannelsLast = false)
{
    public static NetSpec Of(Training.TrainOptions options) =>
        new(options.Task == "denoise" ? ModelTask.Denoise : ModelTask.SuperResolution, options.Network.Preset, options.Network.Scale, options.Run.ChannelsLast);

    /// <summary>How the training log names the layout.</summary>
    public string Layout => ChannelsLast ? "channels-last (NHWC)" : "NCHW";

    public override string ToString() => (ChannelsLast ? "channels-last " : "") + (Task == ModelTask.Denoise ? $"denoise {Preset}" : $"sr ×{Scale} {Preset}");
}
