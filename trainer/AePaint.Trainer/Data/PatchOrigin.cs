namespace AePaint.Trainer.Data;

/// <summary>
/// Where a sampled patch came from: the photo, the top-left corner of the crop in the cached (downscaled) photo,
/// and the symmetry applied: bit 0 mirrors left–right, bit 1 mirrors top–bottom, bit 2 transposes first
/// (so 0..7 are the 8 flips/rotations of the square; 5 and 6 are the 90° rotations).
/// </summary>
public readonly record struct PatchOrigin(string Path, int X, int Y, int Transform)
{
    /// <summary>The photo's <see cref="PhotoDatasetOptions.PhotoSigma"/>, NaN when none is set.</summary>
    public float Sigma { get; init; } = float.NaN;

    /// <summary>The factor the photo was cached at (the pre-downscale or an extra one); X and Y are in that photo.</summary>
    public double Downscale { get; init; }
}
