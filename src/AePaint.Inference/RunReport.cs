namespace AePaint.Inference;

/// <summary>What a run did, for logs, the CLI summary and the plugin's messages. <c>WindowPixels</c>: pixels the model read
/// (every window with its context), against the image's own — the tiling's arithmetic overhead.</summary>
public sealed record RunReport(
    int TileSize,
    int Tiles,
    int OutOfMemoryRetries,
    float? Sigma,
    bool SigmaEstimated,
    TimeSpan Elapsed,
    int Passes = 1,
    NoiseReading? Noise = null,
    int SideBySide = 1,
    long WindowPixels = 0);
