using System.Runtime;

namespace AePaint.Trainer.Tests.Training;

/// <summary>
/// No garbage collection while it is open (for up to 64 MB allocated by the whole process), for the reference runs of
/// TorchSharp's own optimizers: their step passes libtorch Scalars nothing keeps alive, which a collection could free
/// mid-call (see TensorMath). If the budget runs out (other test threads allocating) the runtime leaves the region
/// early and the step is only as exposed as it always was.
/// </summary>
internal sealed class NoGcRegion : IDisposable
{
    private const long Budget = 64L << 20;
    private readonly bool started;

    public NoGcRegion()
    {
        try
        {
            started = GC.TryStartNoGCRegion(Budget);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            started = false; // already inside one, or a GC whose ephemeral space is smaller than the budget
        }
    }

    public void Dispose()
    {
        try
        {
            if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
        catch (InvalidOperationException)
        {
            // The runtime had already left the region (a collection another thread forced).
        }
    }
}
