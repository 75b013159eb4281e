using AePaint.Imaging;

namespace AePaint.Inference;

/// <summary>Rows into an 8-bit BGRA image: colour-space decode, the denoise mix (strength, detail, colour noise) and alpha rules of each task.</summary>
internal sealed class Bgra8Sink(Bgra8Image input, Bgra8Image output, int scale, bool linear, DenoiseMix mix) : IRowSink
{
    public void WriteRow(int r, OutputRow row)
    {
        var o = output.Data;
        var inp = input.Data;
        var planes = row.Planes;
        bool gray = planes.Length == 1;
        long outBase = (long)r * output.Stride;
        for (int q = 0; q < row.Width; q++)
        {
            long op = outBase + (q * 4L);
            int i = row.Offset + q;
            float cr = planes[0][i];
            float cg = gray ? cr : planes[1][i];
            float cb = gray ? cr : planes[2][i];
            if (linear)
            {
                cr = Srgb.FromLinear(Math.Clamp(cr, 0f, 1f));
                cg = Srgb.FromLinear(Math.Clamp(cg, 0f, 1f));
                cb = Srgb.FromLinear(Math.Clamp(cb, 0f, 1f));
            }

            if (scale == 1)
            {
                // Same size: alpha passes through, hidden pixels keep their colour, strength mixes with the input.
                byte a = inp[op + 3];
                if (a == 0)
                {
                    o[op] = inp[op];
                    o[op + 1] = inp[op + 1];
                    o[op + 2] = inp[op + 2];
                    o[op + 3] = 0;
                    continue;
                }

                if (!mix.IsIdentity)
                {
                    (cr, cg, cb) = mix.Apply(inp[op + 2] / 255f, inp[op + 1] / 255f, inp[op] / 255f, cr, cg, cb);
                }

                o[op + 3] = a;
            }
            else
            {
                o[op + 3] = row.Alpha is null ? (byte)255 : PixelConversion.ToByte(row.Alpha[q]);
            }

            o[op] = PixelConversion.ToByte(cb);
            o[op + 1] = PixelConversion.ToByte(cg);
            o[op + 2] = PixelConversion.ToByte(cr);
        }
    }
}
