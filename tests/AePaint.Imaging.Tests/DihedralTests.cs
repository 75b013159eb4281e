using AePaint.Imaging;

namespace AePaint.Imaging.Tests;

public sealed class DihedralTests
{
    // 3 wide, 2 high:  0 1 2 / 3 4 5
    private static PlanarImage Small() => new(1, 3, 2, [0, 1, 2, 3, 4, 5]);

    [Theory]
    [InlineData(0, 3, 2, new float[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData(1, 3, 2, new float[] { 2, 1, 0, 5, 4, 3 })] // mirror left–right
    [InlineData(2, 3, 2, new float[] { 3, 4, 5, 0, 1, 2 })] // mirror top–bottom
    [InlineData(3, 3, 2, new float[] { 5, 4, 3, 2, 1, 0 })] // half turn
    [InlineData(4, 2, 3, new float[] { 0, 3, 1, 4, 2, 5 })] // transpose
    [InlineData(5, 2, 3, new float[] { 2, 5, 1, 4, 0, 3 })] // quarter turn anticlockwise
    [InlineData(6, 2, 3, new float[] { 3, 0, 4, 1, 5, 2 })] // quarter turn clockwise
    [InlineData(7, 2, 3, new float[] { 5, 2, 4, 1, 3, 0 })] // anti-transpose
    public void TransformsASmallImageAsDrawn(int k, int w, int h, float[] expected)
    {
        var dst = new PlanarImage(1, w, h);
        Dihedral.Apply(Small(), k, dst);
        Assert.Equal(expected, dst.Data);
    }

    [Fact]
    public void EveryTransformTurnsBackExactlyOnEveryChannel()
    {
        var rng = new Random(3);
        var img = new PlanarImage(3, 7, 4, Enumerable.Range(0, 3 * 7 * 4).Select(_ => (float)rng.NextDouble()).ToArray());
        for (int k = 0; k < Dihedral.Count; k++)
        {
            var turned = Dihedral.SwapsAxes(k) ? new PlanarImage(3, 4, 7) : new PlanarImage(3, 7, 4);
            Dihedral.Apply(img, k, turned);
            var back = new PlanarImage(3, 7, 4);
            Dihedral.AddInverse(turned, k, back);
            Dihedral.AddInverse(turned, k, back); // adds, so twice = double
            Assert.Equal(img.Data.Select(v => v * 2), back.Data);
        }
    }

    [Fact]
    public void WrongShapesAndTransformsAreNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => Dihedral.Apply(Small(), 4, new PlanarImage(1, 3, 2)));
        Assert.Contains("1×2×3", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Dihedral.Apply(Small(), 8, new PlanarImage(1, 3, 2)));
    }
}
