namespace AePaint.Imaging.Tiling;

/// <summary>
/// One tile along one axis, in input pixels. The model sees <c>[WindowStart, WindowStart + WindowSize)</c>
/// (reflect-padded where that leaves the image: only up to the next multiple of the model's multipleOf, as one whole-image call); its output is kept on <c>[KeepStart, KeepEnd)</c>, where it
/// is weighted by a raised-cosine ramp over the feather bands shared with its neighbours.
/// </summary>
public readonly record struct TileSpan(int WindowStart, int WindowSize, int KeepStart, int KeepEnd, int CoreStart, int CoreEnd);
