namespace AePaint.Inference.Fallback;

/// <summary>One way of running a model: the device asked of the session factory and the model window in pixels.</summary>
public readonly record struct Attempt(ExecutionDevice Device, int TileSize)
{
    public override string ToString() => $"{Device} at tile {TileSize}";
}
