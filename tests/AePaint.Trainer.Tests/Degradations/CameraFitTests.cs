using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Jpeg;
using AePaint.TestSupport;
using AePaint.Trainer.Degradations;
using AePaint.Trainer.Training;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Degradations;

/// <summary>
/// The camera fit on real files: training photos put through a known camera and saved as that camera's JPEGs; the
/// fit sees only those files (its references are the shipped denoiser's output on them, as in the CLI) and must find
/// the camera again.
/// </summary>
public sealed class CameraFitTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public static FittedCamera SimulatedCamera { get; } = new() { Shot = 0.004, Read = 2e-4, ChromaBlur = 1, Sharpen = 0.5, JpegQuality = 90 };

    /// <summary>Central crops of sorted sun_hays80 photos [<paramref name="from"/>, from + count).</summary>
    public static List<string> TrainingPhotos(int from, int count) =>
        [.. Directory.GetFiles(Path.Combine(TestPaths.SharedData, "train", "sun_hays80"), "*.jpg").Order(StringComparer.Ordinal).Skip(from).Take(count)];

    /// <summary>Each photo's central crop through <paramref name="camera"/>, written as the camera writes it (JPEG at its quality).</summary>
    public static List<string> Shoot(FittedCamera camera, IEnumerable<string> photos, string folder, int size = 512)
    {
        Directory.CreateDirectory(folder);
        var noise = new DegradationPipeline(new DegradationStage(camera.Noise()));
        var files = new List<string>();
        int i = 0;
        foreach (var crop in CameraFit.Crops(photos, size))
        {
            var noisy = noise.Apply(crop, new Random(500 + i)).Image;
            var path = Path.Combine(folder, $"DSC_{i++:D4}.jpg");
            File.WriteAllBytes(path, JpegCompression.Encode(PixelConversion.ToBgra8(noisy), camera.JpegQuality!.Value));
            files.Add(path);
        }

        return files;
    }

    [SkippableFact]
    public void RecoversAKnownCameraFromItsJpegsAlone()
    {
        var shots = Shoot(SimulatedCamera, TrainingPhotos(0, 12), _dir.File("shots"));
        var crops = CameraFit.Crops(shots).ToList();
        var references = FineTuneCamera.PseudoClean(Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx"), crops);
        int? quality = CameraFit.Quality(shots);
        var log = new StringWriter();
        var fit = CameraFit.Fit(crops, quality, references, log);
        output.WriteLine($"{log}fitted {fit}; truth {SimulatedCamera}");
        Assert.Equal(90, quality);
        double Mid(FittedCamera c) => new AePaint.Imaging.Noise.PoissonGaussianModel(c.Shot, c.Read).MidGreySigma255();
        Assert.InRange(Mid(fit) / Mid(SimulatedCamera), 0.8, 1.25);
        Assert.InRange(fit.ChromaBlur, 0.5, 1.5);
        Assert.InRange(fit.Sharpen, 0.25, 0.75);
    }

    [Fact]
    public void ReadsTheQualityOfSkiaJpegsAndNoneFromPng()
    {
        var img = new Bgra8Image(64, 64);
        new Random(1).NextBytes(img.Data);
        foreach (int q in new[] { 30, 75, 90, 97 })
        {
            var path = _dir.File($"q{q}.jpg");
            File.WriteAllBytes(path, JpegCompression.Encode(img, q));
            Assert.Equal(q, JpegQuality.Read(path));
        }

        var png = _dir.File("x.png");
        ImageFile.Save(png, img, 95);
        Assert.Null(JpegQuality.Read(png));
    }

    public void Dispose() => _dir.Dispose();
}
