namespace AePaint.Inference;

/// <summary>Where a model runs. Auto and Gpu try DirectML (in the DirectML build) and fall back to CPU.</summary>
public enum ExecutionDevice
{
    Auto,
    Gpu,
    Cpu,
}

public static class ExecutionDevices
{
    /// <summary>True in the DirectML build (-p:AePaintGpu=DirectML); the CPU build never has a GPU to offer.</summary>
    public static bool DirectMLBuild =>
#if AEPAINT_DIRECTML
        true;
#else
        false;
#endif
}
