using AePaint.Trainer.NoiseEstimation;

namespace AePaint.Trainer.Tests.NoiseEstimation;

/// <summary>The label arithmetic: the best σ between grid points, reading a curve at any σ, the clean-JPEG curve.</summary>
public sealed class NoiseLabelTests
{
    private static readonly double[] Grid = [0, 1, 2, 3, 4, 6, 8, 11, 15];

    [Theory]
    [InlineData(5)]
    [InlineData(9.5)]
    [InlineData(2.5)]
    public void TheBestSigmaIsThePeakOfAParabolaInLogSigma(double peak)
    {
        var psnr = Grid.Select(s => 30 - Math.Pow(Math.Log(1 + s) - Math.Log(1 + peak), 2)).ToArray();
        Assert.Equal(peak, NoiseLabelSet.BestSigma(Grid, psnr), 6);
    }

    [Fact]
    public void APeakAtTheGridsEndIsThatEnd()
    {
        Assert.Equal(0, NoiseLabelSet.BestSigma(Grid, Grid.Select(s => 40 - s).ToArray()));
        Assert.Equal(15, NoiseLabelSet.BestSigma(Grid, Grid.Select(s => 20 + s).ToArray()));
    }

    [Fact]
    public void ACurveIsReadLinearlyInLogSigmaAndFlatBeyondTheGrid()
    {
        var psnr = Grid.Select((_, j) => (double)j).ToArray();
        Assert.Equal(5, NoiseNetTraining.Interpolate(Grid, psnr, 6), 9);
        Assert.Equal(0, NoiseNetTraining.Interpolate(Grid, psnr, -3), 9);
        Assert.Equal(8, NoiseNetTraining.Interpolate(Grid, psnr, 40), 9);
        double between = Math.Exp((Math.Log(5) + Math.Log(7)) / 2) - 1; // halfway from σ 4 to σ 6 in log(1 + σ)
        Assert.Equal(4.5, NoiseNetTraining.Interpolate(Grid, psnr, between), 9);
    }

    [Fact]
    public void ACleanJpegLosesMoreTheHigherTheSigmaWhateverItsMeasuredCurve()
    {
        var measured = Grid.Select(s => 30 + s).ToArray(); // against the photo before compression, deblocking gains
        var clean = NoiseNetTraining.GapCurve(Grid, new NoiseLabel(0, NoiseNetTraining.CleanKind, "", 15, measured));
        Assert.Equal(0, clean[0]);
        Assert.True(clean.Zip(clean.Skip(1)).All(p => p.Second > p.First));
        var camera = NoiseNetTraining.GapCurve(Grid, new NoiseLabel(0, "camera", "", 15, measured));
        Assert.Equal(0, camera[^1]);
        Assert.Equal(15, camera[0]);
    }
}
