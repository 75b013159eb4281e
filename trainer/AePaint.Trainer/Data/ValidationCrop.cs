namespace AePaint.Trainer.Data;

/// <summary>A fixed validation crop: 3 planes (R, G, B) of <see cref="Size"/>² floats in [0, 1].</summary>
public sealed record ValidationCrop(string Path, int Size, float[] Rgb)
{
    /// <summary>Top-left corner of the crop in the cached photo.</summary>
    public int X { get; init; }

    public int Y { get; init; }

    /// <summary>The photo's <see cref="PhotoDatasetOptions.PhotoSigma"/>, NaN when none is set.</summary>
    public float Sigma { get; init; } = float.NaN;
}
