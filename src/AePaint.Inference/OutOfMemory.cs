namespace AePaint.Inference;

/// <summary>
/// Recognises allocation failures from the runtime or a GPU provider, which smaller tiles may avoid. A removed device
/// (DXGI 887A0005) is not one: that session is gone whatever the tile size.
/// </summary>
public static class OutOfMemory
{
    public static bool IsOutOfMemory(Exception e)
    {
        for (var x = e; x != null; x = x.InnerException)
        {
            if (x is OutOfMemoryException or InsufficientMemoryException)
            {
                return true;
            }

            var m = x.Message;
            if (m.Contains("Failed to allocate", StringComparison.OrdinalIgnoreCase)
                || m.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
                || m.Contains("bad_alloc", StringComparison.OrdinalIgnoreCase)
                || m.Contains("8007000E", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
