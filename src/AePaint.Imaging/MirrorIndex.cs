namespace AePaint.Imaging;

/// <summary>Border handling shared by tiling, padding and filters.</summary>
public static class MirrorIndex
{
    /// <summary>
    /// Reflect padding (numpy 'reflect', OpenCV REFLECT_101: the edge pixel is not repeated) for any
    /// offset, however far outside [0, size). A size-1 axis repeats its only pixel.
    /// </summary>
    public static int Reflect(int i, int size)
    {
        if ((uint)i < (uint)size)
        {
            return i;
        }

        if (size == 1)
        {
            return 0;
        }

        int period = 2 * (size - 1);
        int m = i % period;
        if (m < 0)
        {
            m += period;
        }

        return m < size ? m : period - m;
    }
}
