namespace AePaint.Trainer.Nets;

/// <summary>A named size: channels per U-Net level (or the SR width) and residual blocks per stage.</summary>
internal sealed record NetPreset(string Name, int[] Channels, int Blocks)
{
    public static readonly IReadOnlyDictionary<string, NetPreset> Denoise = new Dictionary<string, NetPreset>
    {
        ["tiny"] = new("tiny", [16, 32, 64, 64], 1),
        ["small"] = new("small", [32, 64, 128, 128], 1),
        ["base"] = new("base", [48, 96, 192, 192], 2),
    };

    public static readonly IReadOnlyDictionary<string, NetPreset> SuperResolution = new Dictionary<string, NetPreset>
    {
        ["tiny"] = new("tiny", [32], 2),
        ["small"] = new("small", [48], 4),
        ["base"] = new("base", [64], 6),
    };

    public static NetPreset Get(bool denoise, string name)
    {
        var table = denoise ? Denoise : SuperResolution;
        return table.TryGetValue(name, out var p)
            ? p
            : throw new ArgumentException($"unknown preset '{name}' (use {string.Join(", ", table.Keys)})");
    }
}
