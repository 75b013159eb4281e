namespace AePaint.Inference;

/// <summary>Where a model runs. Auto and Gpu try DirectML (in the DirectML build) and fall back to CPU.</summary>
public enum ExecutionDevice
{
    Auto,
    Gpu,
    Cpu,
}
