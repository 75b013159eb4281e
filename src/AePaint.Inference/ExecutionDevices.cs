namespace AePaint.Inference;

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
