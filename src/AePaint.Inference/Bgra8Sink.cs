using System.Numerics;
using AePaint.Imaging;

namespace AePaint.Inference;

/// <summary>Rows into an 8-bit BGRA image: colour-space decode, the denoise mix (strength, detail, colour noise) and alpha rules of each task.</summary>
internal sealed class Bgra8Sink(Bgra8Image input, Bgra8Image output, int scale, bool linear, DenoiseMix mix) : IRowSink
{
    // Per-row byte values of R, G, B for the vector path; rows come one at a time (the engine finalises under its lock).
    private int[] _bytes = [];

    public void WriteRow(int r, OutputRow row)
    {
        if (row.Planes.Length == 3 && !linear && (scale > 1 || mix.IsIdentity))
        {
            WritePlainRow(r, row);
            return;
        }

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

    /// <summary>
    /// <see cref="PixelConversion.ToByte"/> of every value, with vectors: the same bytes (NaN → 0), for the rows that
    /// need nothing else per pixel — an upscaler's output is 16 bytes of floats per output pixel of a ×4 run.
    /// </summary>
    internal static void ToBytes(ReadOnlySpan<float> values, Span<int> bytes)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var k255 = new Vector<float>(255f);
            var half = new Vector<float>(0.5f);
            var top = new Vector<int>(255);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var s = (new Vector<float>(values[i..]) * k255) + half;
                var truncated = Vector.ConditionalSelect(Vector.GreaterThan(s, Vector<float>.Zero), Vector.ConvertToInt32(s), Vector<int>.Zero);
                Vector.ConditionalSelect(Vector.GreaterThanOrEqual(s, k255), top, truncated).CopyTo(bytes[i..]);
            }
        }

        for (; i < values.Length; i++)
        {
            bytes[i] = PixelConversion.ToByte(values[i]);
        }
    }

    // Colour rows without a colour-space decode or a mix: hidden pixels (same size) keep their colour, alpha as above.
    private void WritePlainRow(int r, OutputRow row)
    {
        int w = row.Width;
        if (_bytes.Length < 3 * w)
        {
            _bytes = new int[3 * w];
        }

        var rgb = _bytes.AsSpan(0, 3 * w);
        for (int c = 0; c < 3; c++)
        {
            ToBytes(row.Planes[c].AsSpan(row.Offset, w), rgb.Slice(c * w, w));
        }

        var o = output.Data;
        var inp = input.Data;
        long outBase = (long)r * output.Stride;
        for (int q = 0; q < w; q++)
        {
            long op = outBase + (q * 4L);
            byte a = scale > 1 ? (row.Alpha is null ? (byte)255 : PixelConversion.ToByte(row.Alpha[q])) : inp[op + 3];
            if (scale == 1 && a == 0)
            {
                o[op] = inp[op];
                o[op + 1] = inp[op + 1];
                o[op + 2] = inp[op + 2];
                o[op + 3] = 0;
                continue;
            }

            o[op] = (byte)rgb[(2 * w) + q];
            o[op + 1] = (byte)rgb[w + q];
            o[op + 2] = (byte)rgb[q];
            o[op + 3] = a;
        }
    }
}
