using AePaint.Imaging;
using AePaint.TestSupport;
using AePaint.Trainer.Degradations;
using static AePaint.Trainer.Tests.Degradations.RealPatches;

namespace AePaint.Trainer.Tests.Degradations;

public sealed class DegradationPipelineTests
{
    private static DegradationPipeline Denoise(double jpegProbability = 0.5) => new(
        new DegradationStage(new PoissonGaussianNoise(1e-4, 1e-2, 1e-6, 1e-3), 0.5),
        new DegradationStage(new ChromaNoise(2, 10), 0.3),
        new DegradationStage(new AwgnNoise(0, 50)),
        new DegradationStage(new JpegCompression(60, 95), jpegProbability));

    [SkippableFact]
    public void SameSeedSameResultAndInputUntouched()
    {
        var clean = TestImages.Crop(Load(Names[0]), 100, 60, 96, 96);
        var copy = clean.Clone();
        var a = Denoise().Apply(clean, new Random(42));
        var b = Denoise().Apply(clean, new Random(42));
        var c = Denoise().Apply(clean, new Random(43));
        Assert.Equal(copy.Data, clean.Data);
        Assert.Equal(a.Image.Data, b.Image.Data);
        Assert.Equal(a.Steps, b.Steps);
        Assert.NotEqual(a.Image.Data, c.Image.Data);
        Assert.Equal(Math.Sqrt(a.Steps.Sum(s => s.Sigma255 * s.Sigma255)), a.NoiseSigma255, 9);
    }

    [SkippableFact]
    public void ProbabilitiesGateStepsWithoutShiftingTheOthersDraws()
    {
        var clean = TestImages.Crop(Load(Names[1]), 0, 0, 32, 32);
        var counts = new Dictionary<string, int>();
        for (int seed = 0; seed < 120; seed++)
        {
            var withJpeg = Denoise(jpegProbability: 1).Apply(clean, new Random(seed));
            var without = Denoise(jpegProbability: 0).Apply(clean, new Random(seed));
            Assert.Equal(without.Steps, withJpeg.Steps.Where(s => s.Step != "jpeg"));
            Assert.Equal("jpeg", withJpeg.Steps[^1].Step);
            foreach (var s in Denoise().Apply(clean, new Random(seed)).Steps)
            {
                counts[s.Step] = counts.GetValueOrDefault(s.Step) + 1;
            }
        }

        Assert.Equal(120, counts["awgn"]);
        Assert.InRange(counts["poisson-gaussian"], 40, 80);
        Assert.InRange(counts["chroma"], 18, 54);
        Assert.InRange(counts["jpeg"], 40, 80);
    }

    [SkippableFact]
    public void SrPipelineShrinksABatchDeterministicallyWhateverTheThreads()
    {
        var photo = Load(Names[2]);
        const int Size = 48, Count = 6;
        var batch = new float[Count * 3 * Size * Size];
        for (int i = 0; i < Count; i++)
        {
            TestImages.Crop(photo, 30 * i, 20 * i, Size, Size).Data.CopyTo(batch, i * 3 * Size * Size);
        }

        var sr = new DegradationPipeline(
            new DegradationStage(new GaussianBlur(0.2, 2.0, anisotropicProbability: 0.5), 0.7),
            new DegradationStage(new BicubicDownscale(4)),
            new DegradationStage(new AwgnNoise(1, 10), 0.5),
            new DegradationStage(new JpegCompression(50, 95), 0.5));
        Assert.Equal(12, sr.OutputSize(Size));
        var one = sr.ApplyBatch(batch, Count, Size, new Random(9), maxParallelism: 1);
        var many = sr.ApplyBatch(batch, Count, Size, new Random(9));
        Assert.Equal(12, one.Size);
        Assert.Equal(Count * 3 * 12 * 12, one.Data.Length);
        Assert.Equal(one.Data, many.Data);
        Assert.Equal(one.NoiseSigma255, many.NoiseSigma255);
        Assert.All(one.Patches, p => Assert.Contains(p.Steps, s => s.Scale == 4));
    }

    [Fact]
    public void SizeChangingStepsMustAlwaysRun()
    {
        var e = Assert.Throws<ArgumentException>(() => new DegradationPipeline(new DegradationStage(new BicubicDownscale(2), 0.5)));
        Assert.Contains("bicubic-down", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DegradationPipeline(new DegradationStage(new AwgnNoise(0, 5), 1.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AwgnNoise(10, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JpegCompression(0, 50));
    }
}
