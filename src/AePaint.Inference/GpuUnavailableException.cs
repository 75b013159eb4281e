namespace AePaint.Inference;

/// <summary>The GPU path cannot be used on this PC (DirectML.dll missing, too old, or shadowed); the CPU is used instead.</summary>
public sealed class GpuUnavailableException : Exception
{
    public GpuUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
