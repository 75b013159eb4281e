using System.Numerics;
using System.Runtime.InteropServices;
using AePaint.Imaging;

namespace AePaint.Inference;

/// <summary>Rows into an 8-bit BGRA image: colour-space decode, the denoise mix (strength, detail, colour noise) and alpha rules of each task.</summary>
internal sealed class Bgra8Sink(Bgra8Image input, Bgra8Image output, int scale, bool linear, DenoiseMix mix) : IRowSink
{
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
    /// <see cref="PixelConversion.ToByte"/> of a vector of values: the same bytes (NaN → 0), as 32-bit lanes.
    /// </summary>
    private static Vector<int> ToBytes(Vector<float> values)
    {
        var s = (values * new Vector<float>(255f)) + new Vector<float>(0.5f);
        var truncated = Vector.ConditionalSelect(Vector.GreaterThan(s, Vector<float>.Zero), Vector.ConvertToInt32(s), Vector<int>.Zero);
        return Vector.ConditionalSelect(Vector.GreaterThanOrEqual(s, new Vector<float>(255f)), new Vector<int>(255), truncated);
    }

    // Colour rows without a colour-space decode or a mix: hidden pixels (same size) keep their colour, alpha as above.
    // An upscaler's row is 16 floats per input pixel at ×4, so bytes are made and packed into BGRA words in one
    // vector pass (little-endian words: B | G << 8 | R << 16 | A << 24), without a scratch row.
    private void WritePlainRow(int r, OutputRow row)
    {
        int w = row.Width;
        var o = output.Data;
        var inp = input.Data;
        long outBase = (long)r * output.Stride;
        int q = 0;
        if (Vector.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            var red = row.Planes[0].AsSpan(row.Offset, w);
            var green = row.Planes[1].AsSpan(row.Offset, w);
            var blue = row.Planes[2].AsSpan(row.Offset, w);
            var words = MemoryMarshal.Cast<byte, int>(o.AsSpan((int)outBase, 4 * w));
            var inWords = scale == 1 ? MemoryMarshal.Cast<byte, int>(inp.AsSpan((int)outBase, 4 * w)) : default;
            var alphaMask = new Vector<int>(unchecked((int)0xFF000000));
            for (; q <= w - Vector<int>.Count; q += Vector<int>.Count)
            {
                var rgb = ToBytes(new Vector<float>(blue[q..])) | Vector.ShiftLeft(ToBytes(new Vector<float>(green[q..])), 8) | Vector.ShiftLeft(ToBytes(new Vector<float>(red[q..])), 16);
                Vector<int> word;
                if (scale == 1)
                {
                    var source = new Vector<int>(inWords[q..]);
                    var a = source & alphaMask;
                    word = Vector.ConditionalSelect(Vector.Equals(a, Vector<int>.Zero), source, rgb | a);
                }
                else
                {
                    word = rgb | (row.Alpha is null ? alphaMask : Vector.ShiftLeft(ToBytes(new Vector<float>(row.Alpha.AsSpan(q))), 24));
                }

                word.CopyTo(words[q..]);
            }
        }

        for (; q < w; q++)
        {
            long op = outBase + (q * 4L);
            int i = row.Offset + q;
            byte a = scale > 1 ? (row.Alpha is null ? (byte)255 : PixelConversion.ToByte(row.Alpha[q])) : inp[op + 3];
            if (scale == 1 && a == 0)
            {
                o[op] = inp[op];
                o[op + 1] = inp[op + 1];
                o[op + 2] = inp[op + 2];
                o[op + 3] = 0;
                continue;
            }

            o[op] = PixelConversion.ToByte(row.Planes[2][i]);
            o[op + 1] = PixelConversion.ToByte(row.Planes[1][i]);
            o[op + 2] = PixelConversion.ToByte(row.Planes[0][i]);
            o[op + 3] = a;
        }
    }
}
