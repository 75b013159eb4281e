using AePaint.ImageFiles;
using AePaint.TestSupport;
using AePaint.Trainer.Data;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>`aepaint-train degrade` and the seeded generators behind every degradation draw.</summary>
public sealed class DegradeCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    [SkippableFact]
    public void WritesOneSeededLowResolutionPngPerImage()
    {
        var set = TestPaths.EvalSet("Set5");
        var (exit, output, err) = TrainerRun.Cli("degrade", "--set", set, "-s", "4", "-o", _dir.File("a"));
        Assert.True(exit == 0, err);
        foreach (var hrPath in Directory.GetFiles(set, "*.png"))
        {
            var hr = ImageFile.Load(hrPath);
            var lr = ImageFile.Load(Path.Combine(_dir.File("a"), Path.GetFileName(hrPath)));
            Assert.Equal((hr.Width / 4, hr.Height / 4), (lr.Width, lr.Height)); // of the HR cropped to a multiple of 4
        }

        Assert.Contains("bicubic-down(×1/4)", output);
        Assert.Equal(0, TrainerRun.Cli("degrade", "--set", set, "-s", "4", "-o", _dir.File("b")).Exit);
        Assert.Equal(0, TrainerRun.Cli("degrade", "--set", set, "-s", "4", "--seed", "1", "-o", _dir.File("c")).Exit);
        var name = Path.GetFileName(Directory.GetFiles(set, "*.png")[0]);
        byte[] Pixels(string d) => ImageFile.Load(Path.Combine(_dir.File(d), name)).Data;
        Assert.Equal(Pixels("a"), Pixels("b"));
        Assert.NotEqual(Pixels("a"), Pixels("c"));
    }

    [Fact]
    public void AMissingFolderIsNamed()
    {
        var (exit, _, err) = TrainerRun.Cli("degrade", "--set", _dir.File("nowhere"), "-o", _dir.File("out"));
        Assert.Equal(1, exit);
        Assert.Contains("nowhere", err);
    }

    [Fact]
    public void SeedsInAProgressionStillGiveUnrelatedDraws()
    {
        var third = Enumerable.Range(0, 16).Select(i =>
        {
            var r = SeededRandom.For(0, i);
            r.NextDouble();
            r.NextDouble();
            return r.NextDouble();
        }).ToArray();
        // new Random(i) makes them an arithmetic progression mod 1 (0.768 0.467 0.166 0.865 …): one step size.
        var steps = third.Zip(third.Skip(1), (x, y) => Math.Round((((y - x) % 1) + 1) % 1, 2)).Distinct().Count();
        Assert.True(steps > 8, string.Join(", ", third));
        Assert.Equal(SeededRandom.For(3, 9).Next(), SeededRandom.For(3, 9).Next());
        Assert.NotEqual(SeededRandom.For(3, 9).Next(), SeededRandom.For(9, 3).Next());
    }

    public void Dispose() => _dir.Dispose();
}
