namespace AePaint.Inference.Cards;

public sealed record TrainingInfo
{
    public string? Data { get; init; }

    public long? Steps { get; init; }

    public string? Recipe { get; init; }

    public string? Trainer { get; init; }

    public double? WallTimeHours { get; init; }

    /// <summary>The model fine-tuning started from (its card name), when there was one.</summary>
    public string? BaseModel { get; init; }

    /// <summary>Photos the model learnt from: training plus held-out (a personal model's card says how many).</summary>
    public int? Photos { get; init; }

    /// <summary>Denoise: "clean-targets" (synthetic noise on clean photos), "noisy-only" (self-supervised on noisy photos) or
    /// "calibrated-noise" (an ISO series' fitted noise) or "fitted-camera" (a camera fitted from its noisy JPEGs); SR: "real-degradations" (blur, noise, JPEG) or absent (clean bicubic).</summary>
    public string? Supervision { get; init; }

    /// <summary>The camera (EXIF "Make Model") whose noise the model learnt (--calibrate), so auto can preselect it.</summary>
    public string? Camera { get; init; }

    /// <summary>The ISO range of that camera noise (inclusive).</summary>
    public int? IsoMin { get; init; }

    public int? IsoMax { get; init; }
}
