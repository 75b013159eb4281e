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

    [SkippableFact]
    public void CameraNoiseWritesNoisyAndCleanPairsAndWhatWasDrawn()
    {
        var set = TestPaths.EvalSet("Set5");
        var (exit, output, err) = TrainerRun.Cli("degrade", "--set", set, "--noise", "camera", "--seed", "3", "-o", _dir.File("cam"));
        Assert.True(exit == 0, err);
        var table = File.ReadAllLines(_dir.File("cam/degrade.tsv"));
        Assert.Equal("name\tnoise_rms_255\tjpeg_quality\tsteps", table[0]);
        var files = Directory.GetFiles(set, "*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files.Length + 1, table.Length);
        for (int i = 0; i < files.Length; i++)
        {
            var clean = ImageFile.Load(files[i]);
            string name = Path.GetFileNameWithoutExtension(files[i]);
            Assert.Equal(clean.Data, ImageFile.Load(_dir.File($"cam/{name}_mean.png")).Data);
            var noisy = ImageFile.Load(_dir.File($"cam/{name}_real.png"));
            var cells = table[i + 1].Split('\t');
            Assert.Equal(name, cells[0]);
            double rms = double.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture), 60, 95);
            Assert.StartsWith("camera(", cells[3], StringComparison.Ordinal);
            double diff = Math.Sqrt(clean.Data.Zip(noisy.Data, (a, b) => (double)(a - b) * (a - b)).Sum() / clean.Data.Length * 4 / 3);
            Assert.InRange(diff, 0.5, (rms * 1.5) + 3); // noise as drawn, plus JPEG's own error
        }

        Assert.Contains("→ jpeg(q=", output);
        Assert.Equal(1, TrainerRun.Cli("degrade", "--set", set, "--noise", "awgn", "-o", _dir.File("x")).Exit);
    }

    [SkippableFact]
    public void AFixedCameraWritesOnlyNoisyCopiesAllWithItsOwnSettings()
    {
        var set = TestPaths.EvalSet("Set5");
        string[] camera = ["--noise", "camera", "--shot", "0.004", "--read", "2e-4", "--chroma-blur", "1", "--sharpen", "0.5", "--quality", "90"];
        var (exit, _, err) = TrainerRun.Cli(["degrade", "--set", set, .. camera, "--noisy-only", "--seed", "5", "-o", _dir.File("shots")]);
        Assert.True(exit == 0, err);
        var names = Directory.GetFiles(set, "*.png").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names.Append("degrade.tsv").Order(StringComparer.Ordinal), Directory.GetFiles(_dir.File("shots")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var rows = File.ReadAllLines(_dir.File("shots/degrade.tsv")).Skip(1).Select(r => r.Split('\t')).ToArray();
        Assert.Equal(names.Length, rows.Length);
        Assert.All(rows, r => Assert.Equal("90", r[2]));
        Assert.All(rows, r => Assert.Contains("camera(a=0.004 b=0.0002 chroma σ=1.00 sharpen=0.50) → jpeg(q=90)", r[3], StringComparison.Ordinal));

        // The same camera and seed as pairs: the noisy half is the very same image.
        Assert.Equal(0, TrainerRun.Cli(["degrade", "--set", set, .. camera, "--seed", "5", "-o", _dir.File("pairs")]).Exit);
        string first = Path.GetFileNameWithoutExtension(names[0]);
        Assert.Equal(ImageFile.Load(_dir.File($"pairs/{first}_real.png")).Data, ImageFile.Load(_dir.File($"shots/{first}.png")).Data);

        var lr = TrainerRun.Cli("degrade", "--set", set, "--quality", "90", "-o", _dir.File("lr"));
        Assert.Equal(1, lr.Exit);
        Assert.Contains("--quality applies to --noise camera only", lr.Err, StringComparison.Ordinal);
        var bad = TrainerRun.Cli("degrade", "--set", set, "--noise", "camera", "--sharpen", "-1", "-o", _dir.File("bad"));
        Assert.Equal(1, bad.Exit);
        Assert.Contains("sharpening amount", bad.Err, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void JpegFilesAreTheCamerasOwnJpegsWithThePixelsOfThePngRoute()
    {
        var set = TestPaths.EvalSet("Set5");
        string[] camera = ["--noise", "camera", "--shot", "0.004", "--read", "2e-4", "--chroma-blur", "1", "--sharpen", "0.5", "--quality", "75", "--noisy-only", "--seed", "5"];
        Assert.Equal(0, TrainerRun.Cli(["degrade", "--set", set, .. camera, "-o", _dir.File("png")]).Exit);
        var (exit, _, err) = TrainerRun.Cli(["degrade", "--set", set, .. camera, "--jpeg-files", "-o", _dir.File("jpg")]);
        Assert.True(exit == 0, err);
        foreach (var png in Directory.GetFiles(_dir.File("png"), "*.png"))
        {
            var jpg = Path.Combine(_dir.File("jpg"), Path.GetFileNameWithoutExtension(png) + ".jpg");
            Assert.Equal(75, AePaint.Imaging.Jpeg.JpegQuality.Read(jpg));
            Assert.Equal(ImageFile.Load(png).Data, ImageFile.Load(jpg).Data);
        }

        var unfixed = TrainerRun.Cli("degrade", "--set", set, "--noise", "camera", "--noisy-only", "--jpeg-files", "-o", _dir.File("unfixed"));
        Assert.Equal(1, unfixed.Exit);
        Assert.Contains("--jpeg-files needs --noisy-only and a fixed --quality", unfixed.Err, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void AnOutputFolderWithFilesOrInsideTheSetIsRefusedBeforeWriting()
    {
        var set = Directory.CreateDirectory(_dir.File("set")).FullName;
        File.Copy(Directory.GetFiles(TestPaths.EvalSet("Set5"), "*.png").Order(StringComparer.Ordinal).First(), Path.Combine(set, "a.png"));
        var used = Directory.CreateDirectory(_dir.File("used")).FullName;
        File.WriteAllText(Path.Combine(used, "mine.txt"), "mine");

        var inside = TrainerRun.Cli("degrade", "--set", set, "-o", set);
        var full = TrainerRun.Cli("degrade", "--set", set, "-o", used);

        Assert.Equal(1, inside.Exit);
        Assert.Contains("is the input folder", inside.Err, StringComparison.Ordinal);
        Assert.Equal(1, full.Exit);
        Assert.Contains(used + ": already exists and is not empty", full.Err, StringComparison.Ordinal);
        Assert.Equal(["a.png"], Directory.GetFiles(set).Select(Path.GetFileName));
        Assert.Equal(["mine.txt"], Directory.GetFiles(used).Select(Path.GetFileName));
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
