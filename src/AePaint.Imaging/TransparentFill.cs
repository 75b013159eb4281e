namespace AePaint.Imaging;

/// <summary>
/// Gives fully transparent pixels the colour of their nearest visible surroundings (pull–push over a
/// premultiplied pyramid). Colour under alpha 0 is arbitrary — often black — and a model or resampler
/// that reads it smears it into visible edge pixels as dark fringes; after this it reads plausible colour.
/// </summary>
public static class TransparentFill
{
    /// <summary>Rewrites colour where <paramref name="alpha"/> is 0; visible pixels are left exactly as they are.</summary>
    public static void Fill(PlanarImage colour, ReadOnlySpan<float> alpha)
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

        if (known == 0 || known == n)
        {
            return; // nothing visible to borrow from, or nothing hidden to fill
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
}
