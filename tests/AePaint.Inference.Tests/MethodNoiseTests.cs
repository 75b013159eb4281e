using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.Imaging.Png;
using AePaint.TestSupport;

namespace AePaint.Inference.Tests;

/// <summary>
/// The model judging the statistical reading (<see cref="MethodNoise"/>, an experiment: not the automatic σ), with real
/// ORT runs of denoise-fast on real photos: a busy clean JPEG that the statistics read as noise is judged texture,
/// white noise on the same kind of photo is judged noise and keeps its reading.
/// </summary>
public sealed class MethodNoiseTests
{
    private static ModelSession Model() =>
        ModelSession.OpenCpu(Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx"), new CpuTuning { Threads = 1 });

    /// <summary>CBSD68 108070 (grass) saved at q 95: the statistics read ≈ 16, told that the model removes only ≈ 0.23 σ.</summary>
    [SkippableFact]
    public void ABusyCleanJpegIsJudgedTextureAndLeftAlone()
    {
        var photo = PngCodec.Decode(File.ReadAllBytes(Path.Combine(TestPaths.EvalSet("CBSD68"), "108070.png")));
        string dir = Directory.CreateTempSubdirectory("aepaint-method-noise-").FullName;
        try
        {
            string path = Path.Combine(dir, "108070.jpg");
            ImageFile.Save(path, photo, 95);
            var jpeg = ImageFile.Load(path);
            using var model = Model();
            var statistical = NoiseLevel.ReadStatistical(jpeg);
            var judged = NoiseLevel.Read(jpeg, model);
            Assert.True(statistical.Sigma >= 5, statistical.Describe());
            Assert.Equal(0, judged.Sigma);
            Assert.True(judged.RemovedRatio <= MethodNoise.DropBelow, judged.Describe());
            Assert.Equal(statistical.Measured, judged.Statistical);
            Assert.Contains("the model judged the statistical", judged.Describe(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>White noise σ 10 on a busy photo: the model finds noise (removes ≥ <see cref="MethodNoise.KeepFrom"/> σ) and the reading stands.</summary>
    [SkippableFact]
    public void WhiteNoiseIsJudgedNoiseAndKeepsItsReading()
    {
        var photo = PngCodec.Decode(File.ReadAllBytes(Path.Combine(TestPaths.EvalSet("CBSD68"), "101085.png")));
        var noisy = PixelConversion.ToBgra8(GaussianNoise.AddAwgn(PixelConversion.ToPlanar(photo), 10, seed: 3, clip: true));
        using var model = Model();
        var statistical = NoiseLevel.ReadStatistical(noisy);
        var judged = NoiseLevel.Read(noisy, model);
        Assert.True(judged.RemovedRatio >= MethodNoise.KeepFrom, judged.Describe());
        Assert.Equal(statistical.Sigma, judged.Sigma);
    }

    /// <summary>Nothing to remove is not judged: no model run, the statistical reading as it was.</summary>
    [Fact]
    public void ANothingToRemoveReadingIsNotJudged()
    {
        var flat = Bgra8Image.Solid(256, 256, 90, 120, 150);
        using var model = Model();
        var judged = NoiseLevel.Read(flat, model);
        Assert.True(judged.NothingToRemove);
        Assert.Null(judged.RemovedRatio);
        var statistical = NoiseLevel.ReadStatistical(flat);
        Assert.Equal((statistical.Sigma, statistical.Measured), (judged.Sigma, judged.Measured));
    }

    [Theory]
    [InlineData(0.20, 0)]
    [InlineData(0.29, 0)]
    [InlineData(0.31, 0.5)]
    [InlineData(0.33, 1)]
    [InlineData(0.60, 1)]
    public void TheWeightRampsBetweenTextureAndNoise(double ratio, double weight) =>
        Assert.Equal(weight, MethodNoise.Weight(ratio), 6);

    /// <summary>Six windows of 128² over a photo, inside it; a small image is one window of its shorter side.</summary>
    [Fact]
    public void TheWindowsAreASmallGridInsideThePhoto()
    {
        var windows = MethodNoise.Windows(new Bgra8Image(640, 480));
        Assert.Equal(6, windows.Count);
        Assert.All(windows, w => Assert.Equal((128, 128), (w.Width, w.Height)));
        var small = MethodNoise.Windows(new Bgra8Image(100, 60));
        Assert.Equal((60, 60), (small.Single().Width, small.Single().Height));
    }
}
