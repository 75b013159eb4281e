namespace AePaint.Trainer.Nets;

/// <summary>
/// A named size: channels per U-Net level (or the SR width) and residual blocks per stage. Rep: the 3×3 convs train
/// with re-parameterised branches (<see cref="RepConv"/>); for SR it also selects the SPAN-style net (<see cref="SpanNet"/>).
/// </summary>
internal sealed record NetPreset(string Name, int[] Channels, int Blocks, bool Rep = false)
{
    public static readonly IReadOnlyDictionary<string, NetPreset> Denoise = new Dictionary<string, NetPreset>
    {
        ["tiny"] = new("tiny", [16, 32, 64, 64], 1),
        ["small"] = new("small", [32, 64, 128, 128], 1),
        ["base"] = new("base", [48, 96, 192, 192], 2),

        // ≈ 209 k MAC/px exported (FFDNet ≈ 213 k); ~2 M training parameters, so weights + EMA fit a 10 MB fp16 snapshot.
        ["quality"] = new("quality", [32, 64, 96, 128], 2, Rep: true),
    };

    public static readonly IReadOnlyDictionary<string, NetPreset> SuperResolution = new Dictionary<string, NetPreset>
    {
        ["tiny"] = new("tiny", [32], 2),
        ["small"] = new("small", [48], 4),
        ["base"] = new("base", [64], 6),

        // SPAN-style: 6 attention blocks of 3 re-parameterised convs at 48 channels (≈ 382 k MAC per LR pixel).
        ["quality"] = new("quality", [48], 6, Rep: true),
    };

    public static NetPreset Get(bool denoise, string name)
    {
        var table = denoise ? Denoise : SuperResolution;
        return table.TryGetValue(name, out var p)
            ? p
            : throw new ArgumentException($"unknown preset '{name}' (use {string.Join(", ", table.Keys)})");
    }
}
