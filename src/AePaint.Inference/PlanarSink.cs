using AePaint.Imaging;

namespace AePaint.Inference;

/// <summary>Rows kept as unrounded floats (model space, [0, 1]) — for exactness tests and evaluation.</summary>
internal sealed class PlanarSink(PlanarImage output) : IRowSink
{
    public void WriteRow(int r, OutputRow row)
    {
        for (int c = 0; c < row.Planes.Length; c++)
        {
            Array.Copy(row.Planes[c], row.Offset, output.Data, (c * output.PlaneSize) + (r * output.Width), row.Width);
        }
    }
}
