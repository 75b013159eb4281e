using AePaint.Imaging;

namespace AePaint.Inference.Tests;

/// <summary>The sink's vector rows give exactly <see cref="PixelConversion.ToByte"/>'s bytes, packed as BGRA, with each task's alpha rule.</summary>
public sealed class Bgra8SinkTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(4, true)]
    public void VectorRowsEqualScalarBytesIncludingOutOfRangeNaNAndHiddenPixels(int scale, bool withAlpha)
    {
        var rng = new Random(3);
        var values = Enumerable.Range(0, 10_000).Select(_ => (float)((rng.NextDouble() * 1.4) - 0.2)).ToList();
        values.AddRange([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1f, 0.5f / 255f, 254.5f / 255f, 1e30f, -1e30f, float.Epsilon]);
        for (int k = 0; k <= 255; k++)
        {
            values.Add((k + 0.5f) / 255f); // the rounding boundaries
            values.Add(k / 255f);
        }

        // An odd row width: the vector loop and the scalar tail both run. Planes are the values in other orders.
        int w = values.Count;
        float[] Rotated(int by) => values.Skip(by).Concat(values.Take(by)).ToArray();
        float[][] planes = [values.ToArray(), Rotated(7), Rotated(101)];
        var alpha = withAlpha ? Rotated(13) : null;
        var input = new Bgra8Image(w, 1);
        rng.NextBytes(input.Data);
        for (int q = 0; q < w; q += 5)
        {
            input.Data[(4 * q) + 3] = 0; // hidden pixels keep their colour at the same size
        }

        var output = new Bgra8Image(w, 1);
        new Bgra8Sink(input, output, scale, linear: false, new DenoiseMix()).WriteRow(0, new OutputRow(planes, 0, w, alpha));
        for (int q = 0; q < w; q++)
        {
            byte a = scale > 1 ? (alpha is null ? (byte)255 : PixelConversion.ToByte(alpha[q])) : input.Data[(4 * q) + 3];
            byte[] expected = scale == 1 && a == 0
                ? [input.Data[4 * q], input.Data[(4 * q) + 1], input.Data[(4 * q) + 2], 0]
                : [PixelConversion.ToByte(planes[2][q]), PixelConversion.ToByte(planes[1][q]), PixelConversion.ToByte(planes[0][q]), a];
            Assert.True(expected.AsSpan().SequenceEqual(output.Data.AsSpan(4 * q, 4)), $"pixel {q} ({planes[0][q]:R}, {planes[1][q]:R}, {planes[2][q]:R}): {Convert.ToHexString(output.Data, 4 * q, 4)} vs {Convert.ToHexString(expected)}");
        }
    }
}
