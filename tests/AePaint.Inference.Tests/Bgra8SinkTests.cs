using AePaint.Imaging;

namespace AePaint.Inference.Tests;

/// <summary>The sink's vector byte conversion gives exactly <see cref="PixelConversion.ToByte"/>'s bytes.</summary>
public sealed class Bgra8SinkTests
{
    [Fact]
    public void VectorBytesEqualScalarBytesIncludingOutOfRangeAndNaN()
    {
        var rng = new Random(3);
        var values = Enumerable.Range(0, 10_000).Select(_ => (float)((rng.NextDouble() * 1.4) - 0.2)).ToList();
        values.AddRange([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1f, 0.5f / 255f, 254.5f / 255f, 1e30f, -1e30f, float.Epsilon]);
        for (int k = 0; k <= 255; k++)
        {
            values.Add((k + 0.5f) / 255f); // the rounding boundaries
            values.Add(k / 255f);
        }

        var bytes = new int[values.Count];
        Bgra8Sink.ToBytes(values.ToArray(), bytes);
        for (int i = 0; i < values.Count; i++)
        {
            Assert.True(PixelConversion.ToByte(values[i]) == bytes[i], $"{values[i]:R}: {bytes[i]} vs {PixelConversion.ToByte(values[i])}");
        }
    }
}
