namespace AePaint.Imaging;

/// <summary>Block colours of a whole image with its hidden areas filled; see <see cref="TransparentFill.CoarseMap"/>.</summary>
public sealed class CoarseFillMap(PlanarImage grid, int block, int imageWidth, int imageHeight)
{
    /// <summary>Paints the window at (x0, y0) (coordinates may lie outside the image: reflected) with block colours.</summary>
    public void Paint(PlanarImage colour, int x0, int y0)
    {
        int n = colour.PlaneSize;
        for (int y = 0; y < colour.Height; y++)
        {
            int gy = MirrorIndex.Reflect(y0 + y, imageHeight) / block;
            for (int x = 0; x < colour.Width; x++)
            {
                int gx = MirrorIndex.Reflect(x0 + x, imageWidth) / block;
                int g = (gy * grid.Width) + gx;
                int i = (y * colour.Width) + x;
                if (colour.Channels == 1)
                {
                    colour.Data[i] = grid.Data[g];
                }
                else
                {
                    for (int c = 0; c < 3; c++)
                    {
                        colour.Data[(c * n) + i] = grid.Data[(c * grid.PlaneSize) + g];
                    }
                }
            }
        }
    }
}
