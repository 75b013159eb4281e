using AePaint.Imaging.Resize;

namespace AePaint.Imaging.Tests;

/// <summary>The Lanczos3 baseline resampler (MATLAB imresize 'lanczos3').</summary>
public sealed class Lanczos3Tests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 0)]
    [InlineData(3.5, 0)]
    [InlineData(0.5, 0.6079271018540267)] // 3·sin(π/2)·sin(π/6) / (π²/4)
    [InlineData(-1.5, -0.13509491152311703)] // 3·sin(−3π/2)·sin(−π/2) / (9π²/4), even kernel
    public void KernelHasKnownValues(double x, double expected) =>
        Assert.Equal(expected, Lanczos3.Kernel(x), 12);

    [Theory]
    [InlineData(10, 20, 2.0)]
    [InlineData(7, 28, 4.0)]
    [InlineData(30, 10, 1 / 3.0)]
    public void WeightsSumToOneAndIndicesStayInside(int inSize, int outSize, double scale)
    {
        var w = Lanczos3.ComputeWeights(inSize, outSize, scale);
        Assert.Equal(outSize, w.OutSize);
        for (int o = 0; o < outSize; o++)
        {
            Assert.Equal(1.0, w.WeightsOf(o).ToArray().Sum(), 12);
            Assert.All(w.IndicesOf(o).ToArray(), i => Assert.InRange(i, 0, inSize - 1));
        }
    }

    [Fact]
    public void UpscaleByTwoSamplesTheKernelAtQuarterOffsets()
    {
        // Output 3 (0-based) of ×2 sits at input u = 4/2 + 0.25 = 2.25 (1-based): taps j = −1…6 at distances u − j.
        var w = Lanczos3.ComputeWeights(20, 40, 2.0);
        var expected = Enumerable.Range(-1, 8).Select(j => Lanczos3.Kernel(2.25 - j)).ToArray();
        double sum = expected.Sum();
        Assert.Equal(expected.Select(e => e / sum), w.WeightsOf(3).ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void FlatImagesStayFlatAndValuesStayWholeNumbers()
    {
        var img = new PlanarImage(3, 9, 7);
        img.Data.AsSpan().Fill(77);
        var up = Lanczos3.ResizeUint8LikeByScale(img, 3);
        Assert.Equal(27, up.Width);
        Assert.Equal(21, up.Height);
        Assert.All(up.Data, v => Assert.Equal(77f, v));

        var rng = new Random(3);
        var noisy = new PlanarImage(1, 12, 10);
        for (int i = 0; i < noisy.Data.Length; i++)
        {
            noisy.Data[i] = rng.Next(256);
        }

        Assert.All(Lanczos3.ResizeUint8LikeByScale(noisy, 2).Data, v => Assert.True(v == MathF.Floor(v) && v is >= 0 and <= 255));
    }
}
