using AePaint.Imaging.Resize;

namespace AePaint.Imaging.Tests;

public sealed class MatlabBicubicWeightsTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.5625)] // 1.5/8 − 2.5/4 + 1
    [InlineData(-0.5, 0.5625)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.5, -0.0625)] // −0.5·3.375 + 2.5·2.25 − 6 + 2
    [InlineData(0.25, 0.8671875)]
    [InlineData(1.75, -0.0234375)]
    [InlineData(2.0, 0.0)]
    [InlineData(2.5, 0.0)]
    public void KeysKernelHasKnownValues(double x, double expected)
        => Assert.Equal(expected, MatlabBicubic.Cubic(x), 12);

    [Theory]
    [InlineData(10, 20, 2.0, true)]
    [InlineData(20, 10, 0.5, true)]
    [InlineData(30, 10, 1.0 / 3, true)]
    [InlineData(30, 10, 1.0 / 3, false)]
    [InlineData(7, 25, 25.0 / 7, true)]
    [InlineData(100, 13, 0.13, true)]
    [InlineData(1, 4, 4.0, true)]
    public void WeightsSumToOneAndIndicesStayInside(int inSize, int outSize, double scale, bool antialias)
    {
        var w = MatlabBicubic.ComputeWeights(inSize, outSize, scale, antialias);
        Assert.Equal(outSize, w.OutSize);
        Assert.Equal(outSize * w.TapCount, w.Indices.Length);
        for (int o = 0; o < outSize; o++)
        {
            double sum = 0;
            foreach (double v in w.WeightsOf(o))
            {
                sum += v;
            }

            Assert.Equal(1.0, sum, 12);
            Assert.All(w.IndicesOf(o).ToArray(), i => Assert.InRange(i, 0, inSize - 1));
        }
    }

    [Fact]
    public void ScaleOneIsTheIdentityWithOneTap()
    {
        var w = MatlabBicubic.ComputeWeights(9, 9, 1.0);
        Assert.Equal(1, w.TapCount);
        Assert.Equal(Enumerable.Range(0, 9), w.Indices);
        Assert.All(w.Weights, v => Assert.Equal(1.0, v));

        var img = RandomImage(2, 13, 9, 1);
        var same = MatlabBicubic.Resize(img, 13, 9);
        Assert.Equal(img.Data, same.Data);
    }

    [Fact]
    public void UpscaleByTwoUsesTheKeysWeightsAtQuarterOffsets()
    {
        // u = x/2 + 0.25: output 3 (1-based) sits at u = 1.75, so taps at input 0,1,2,3 (1-based) are
        // 1.75, 0.75, −0.25, −1.25 away: weights h(1.75), h(0.75), h(0.25), h(1.25).
        var w = MatlabBicubic.ComputeWeights(8, 16, 2.0);
        Assert.Equal(4, w.TapCount);
        Assert.Equal(new[] { 0, 0, 1, 2 }, w.IndicesOf(2).ToArray()); // input 0 → mirrored to the first pixel
        double[] expected = [-0.0234375, 0.2265625, 0.8671875, -0.0703125];
        Assert.Equal(expected, w.WeightsOf(2).ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);

        // Symmetric border: the first output reads inputs −1, 0 (1-based) as 2 and 1.
        Assert.Equal(new[] { 1, 0, 0, 1 }, w.IndicesOf(0).ToArray());
    }

    [Fact]
    public void DownscaleByTwoStretchesTheKernel()
    {
        // Antialiased ×½: h(x/2)/2, width 8, u = 2x − 0.5: output 4 (1-based) sits at 7.5 and reads inputs
        // 4..11 (1-based) at distances 3.5 … −3.5; the outermost of the 10 taps are 0 everywhere and dropped.
        var w = MatlabBicubic.ComputeWeights(16, 8, 0.5);
        Assert.Equal(8, w.TapCount);
        var mid = w.WeightsOf(3).ToArray();
        double[] raw = [-0.0234375, -0.0703125, 0.2265625, 0.8671875, 0.8671875, 0.2265625, -0.0703125, -0.0234375];
        double total = raw.Sum();
        Assert.Equal(raw.Select(v => v / total), mid, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(new[] { 3, 4, 5, 6, 7, 8, 9, 10 }, w.IndicesOf(3).ToArray());

        // Without antialiasing it is plain 4-tap interpolation at half-pixel offsets.
        var plain = MatlabBicubic.ComputeWeights(16, 8, 0.5, antialias: false);
        Assert.Equal(new[] { -0.0625, 0.5625, 0.5625, -0.0625 }, plain.WeightsOf(3).ToArray());
    }

    [Fact]
    public void OutputSizeIsMatlabCeil()
    {
        Assert.Equal(85, MatlabBicubic.OutputSize(255, 1.0 / 3));
        Assert.Equal(3, MatlabBicubic.OutputSize(30, 0.1));
        Assert.Equal(4, MatlabBicubic.OutputSize(31, 0.1));
        Assert.Equal(64, MatlabBicubic.OutputSize(255, 0.25)); // ceil(63.75)
        Assert.Equal(1, MatlabBicubic.OutputSize(3, 0.01));
    }

    [Fact]
    public void ConstantImagesStayConstantAndSeparablePassesCompose()
    {
        var flat = new PlanarImage(1, 17, 11);
        Array.Fill(flat.Data, 0.37f);
        var up = MatlabBicubic.ResizeByScale(flat, 2.5);
        Assert.Equal(43, up.Width);
        Assert.Equal(28, up.Height);
        Assert.All(up.Data, v => Assert.Equal(0.37f, v, 5));

        var img = RandomImage(3, 40, 30, 7);
        var whole = MatlabBicubic.Resize(img, 15, 12);
        var wy = MatlabBicubic.ComputeWeights(30, 12, 12.0 / 30);
        var wx = MatlabBicubic.ComputeWeights(40, 15, 15.0 / 40);

        // Height scale 0.4 > width scale 0.375: MATLAB resizes the width first.
        var manual = MatlabBicubic.ResizeVertical(MatlabBicubic.ResizeHorizontal(img, wx), wy);
        Assert.Equal(manual.Data, whole.Data);
    }

    [Fact]
    public void Uint8FlavourRoundsEveryPassAndRejectsFractions()
    {
        var img = RandomImage(1, 21, 19, 3);
        for (int i = 0; i < img.Data.Length; i++)
        {
            img.Data[i] = MathF.Round(img.Data[i] * 255);
        }

        var q = MatlabBicubic.ResizeUint8LikeByScale(img, 0.5);
        Assert.All(q.Data, v => Assert.True(v == MathF.Floor(v) && v is >= 0 and <= 255));
        var f = MatlabBicubic.ResizeByScale(img, 0.5);
        Assert.True(q.Data.Zip(f.Data).Max(p => Math.Abs(p.First - p.Second)) <= 1.2f);
        Assert.Throws<ArgumentException>(() => MatlabBicubic.ResizeUint8LikeByScale(RandomImage(1, 4, 4, 1), 2));
    }

    private static PlanarImage RandomImage(int channels, int w, int h, int seed)
    {
        var rng = new Random(seed);
        var img = new PlanarImage(channels, w, h);
        for (int i = 0; i < img.Data.Length; i++)
        {
            img.Data[i] = (float)rng.NextDouble();
        }

        return img;
    }
}
