namespace AePaint.Trainer.Training;

/// <summary>What --calibrate found: the camera, the clean shots' ISO ceiling, and the noise of each higher ISO.</summary>
internal sealed record CalibrationInfo
{
    /// <summary>The one camera every ISO-tagged photo came from; null when they came from several.</summary>
    public string? Camera { get; init; }

    public int CleanIsoMax { get; init; }

    public List<IsoNoise> Noise { get; init; } = [];

    /// <summary>Photos used as clean targets (full paths): the ISO ≤ <see cref="CleanIsoMax"/> shots.</summary>
    public List<string> CleanPhotos { get; init; } = [];

    public int IsoMin => Noise.Min(n => n.Iso);

    public int IsoMax => Noise.Max(n => n.Iso);
}
