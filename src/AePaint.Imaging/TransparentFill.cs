namespace AePaint.Imaging;

/// <summary>
/// Gives fully transparent pixels the colour of their nearest visible surroundings (pull–push over a
/// premultiplied pyramid). Colour under alpha 0 is arbitrary — often black — and a model or resampler
/// that reads it smears it into visible edge pixels as dark fringes; after this it reads plausible colour.
/// </summary>
public static class TransparentFill
{
    /// <summary>
    /// Rewrites colour where <paramref name="alpha"/> is 0; visible pixels are left exactly as they are.
    /// A window with no visible pixel at all takes its colours from <paramref name="coarse"/> (see
    /// <see cref="CoarseMap"/>) at the window's position (<paramref name="x0"/>, <paramref name="y0"/>), so
    /// tiles of a transparent area still continue the colour of the visible area next to them.
    /// </summary>
    public static void Fill(PlanarImage colour, ReadOnlySpan<float> alpha, CoarseFillMap? coarse = null, int x0 = 0, int y0 = 0)
    {
        int w = colour.Width, h = colour.Height, n = colour.PlaneSize;
        int known = 0;
        for (int i = 0; i < n; i++)
        {
            if (alpha[i] > 0f)
            {
                known++;
            }
        }

        if (known == n)
        {
            return; // nothing hidden to fill
        }

        if (known == 0)
        {
            coarse?.Paint(colour, x0, y0);
            return;
        }

        int c = colour.Channels;
        var weight = new float[n];
        for (int i = 0; i < n; i++)
        {
            weight[i] = alpha[i] > 0f ? 1f : 0f;
        }

        Fill(colour.Data, weight, c, w, h);
    }

    // Recursive pull–push: average known pixels 2×2 into a coarser level, fill that level, then give each
    // unknown pixel here the coarse colour of its block.
    private static void Fill(float[] data, float[] weight, int c, int w, int h)
    {
        if (w == 1 && h == 1)
        {
            return;
        }

        int cw = (w + 1) / 2, ch = (h + 1) / 2, cn = cw * ch, n = w * h;
        var coarse = new float[c * cn];
        var cweight = new float[cn];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                if (weight[i] == 0f)
                {
                    continue;
                }

                int j = ((y / 2) * cw) + (x / 2);
                cweight[j] += 1f;
                for (int k = 0; k < c; k++)
                {
                    coarse[(k * cn) + j] += data[(k * n) + i];
                }
            }
        }

        for (int j = 0; j < cn; j++)
        {
            if (cweight[j] > 0f)
            {
                for (int k = 0; k < c; k++)
                {
                    coarse[(k * cn) + j] /= cweight[j];
                }

                cweight[j] = 1f;
            }
        }

        Fill(coarse, cweight, c, cw, ch);

        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                if (weight[i] != 0f)
                {
                    continue;
                }

                int j = ((y / 2) * cw) + (x / 2);
                for (int k = 0; k < c; k++)
                {
                    data[(k * n) + i] = coarse[(k * cn) + j];
                }
            }
        }
    }

    /// <summary>
    /// The whole image reduced to at most <paramref name="maxGrid"/>² blocks (mean colour of visible pixels),
    /// hidden blocks filled by pull–push: a cheap global answer for windows that see nothing visible.
    /// </summary>
    public static CoarseFillMap CoarseMap(Bgra8Image image, int maxGrid = 256, bool linear = false)
    {
        int block = Math.Max(1, (int)Math.Ceiling(Math.Max(image.Width, image.Height) / (double)maxGrid));
        int gw = (image.Width + block - 1) / block, gh = (image.Height + block - 1) / block;
        var grid = new PlanarImage(3, gw, gh);
        var weight = new float[gw * gh];
        int plane = gw * gh;
        var d = image.Data;
        for (int y = 0; y < image.Height; y++)
        {
            long row = (long)y * image.Stride;
            int gy = y / block;
            for (int x = 0; x < image.Width; x++)
            {
                long p = row + (x * 4L);
                if (d[p + 3] == 0)
                {
                    continue;
                }

                int g = (gy * gw) + (x / block);
                weight[g] += 1f;
                grid.Data[g] += Decode(d[p + 2], linear);
                grid.Data[g + plane] += Decode(d[p + 1], linear);
                grid.Data[g + (2 * plane)] += Decode(d[p], linear);
            }
        }

        for (int g = 0; g < plane; g++)
        {
            if (weight[g] > 0)
            {
                for (int c = 0; c < 3; c++)
                {
                    grid.Data[g + (c * plane)] /= weight[g];
                }

                weight[g] = 1f;
            }
        }

        if (weight.Any(w => w > 0))
        {
            Fill(grid.Data, weight, 3, gw, gh);
        }

        return new CoarseFillMap(grid, block, image.Width, image.Height);
    }

    // Same decoding as the windows the model sees, so filled colour matches its neighbours.
    private static float Decode(byte v, bool linear) => linear ? Srgb.ToLinear(v) : v / 255f;
}
