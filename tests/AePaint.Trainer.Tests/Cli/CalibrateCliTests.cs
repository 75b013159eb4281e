using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.Imaging.Resize;
using AePaint.Inference;
using AePaint.TestSupport;
using AePaint.Trainer.Training;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>
/// --calibrate end to end: a "camera" folder of clean ISO 100 shots and ISO 3200 shots carrying known
/// Poisson–Gaussian noise (training photos, EXIF written by us). The fit finds that noise, only the ISO 100 shots
/// train, and the card names the camera and ISO range.
/// </summary>
public sealed class CalibrateCliTests(ITestOutputHelper output) : IDisposable
{
    private static readonly PoissonGaussianModel Truth = new(0.004, 4e-4);

    private readonly TempDir _dir = new();

    private string CameraFolder(int noisyIso)
    {
        var folder = _dir.File($"camera-{noisyIso}");
        Directory.CreateDirectory(folder);
        var scenes = new[] { "beach", "street", "mountain", "cathedral_indoor", "village" };
        for (int i = 0; i < scenes.Length; i++)
        {
            var file = Directory.GetFiles(Path.Combine(TestPaths.SharedData, "train", "sun_hays80"), scenes[i] + "_sun_*.jpg").Single();
            var img = MatlabBicubic.ResizeByScale(PixelConversion.ToPlanar(ImageFile.Load(file)), 0.5);
            int iso = i < 3 ? 100 : noisyIso;
            if (iso != 100)
            {
                var gauss = new GaussianNoise(i);
                var d = img.Data;
                for (int k = 0; k < d.Length; k++)
                {
                    double x = Srgb.ToLinear(Math.Clamp(d[k], 0f, 1f));
                    d[k] = Srgb.FromLinear((float)Math.Clamp(x + (Math.Sqrt(Truth.Variance(x)) * gauss.Next()), 0, 1));
                }
            }

            ImageFile.Save(Path.Combine(folder, $"IMG_{i}.png"), PixelConversion.ToBgra8(img), new ImageMetadata(Exif: ExifBlock.Build("Canon", "Canon EOS 70D", iso)));
        }

        return folder;
    }

    [SkippableFact]
    public void FitsTheHighIsoNoiseTrainsOnTheLowIsoShotsAndTheCardSaysWhichCamera()
    {
        var folder = CameraFolder(3200);
        var run = _dir.File("run");
        var models = _dir.File("models");
        var (exit, text, err) = TrainerRun.Cli("denoise", "--data", folder, "--calibrate", "--steps", "3", "--batch", "2", "--patch", "32",
            "--run", run, "--name", "my-70d", "--install-to", models);
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("ISO   3200:   2 photo(s)", text);

        var fitted = NoiseCalibration.FitPhotos([Path.Combine(folder, "IMG_3.png"), Path.Combine(folder, "IMG_4.png")]);
        output.WriteLine($"true {Truth}, fitted {fitted}");
        Assert.NotNull(fitted);
        Assert.InRange(fitted.MidGreySigma255() / Truth.MidGreySigma255(), 0.85, 1.2); // two 8-bit photos: a small sample

        var data = File.ReadAllText(Path.Combine(run, "data.txt"));
        Assert.Contains("# excluded (2)", data);
        Assert.DoesNotContain("IMG_3.png", data.Split("# excluded")[0]);

        using var model = ModelSession.Open(Path.Combine(models, "my-70d.onnx"), ExecutionDevice.Cpu);
        var t = model.Card.Training!;
        Assert.Equal("Canon EOS 70D", t.Camera);
        Assert.Equal(3200, t.IsoMin);
        Assert.Equal(3200, t.IsoMax);
        Assert.Equal("calibrated-noise", t.Supervision);
        Assert.Contains("\"calibration\"", t.Recipe);
    }

    [SkippableFact]
    public void OneIsoOnlyIsRefusedWithTheReason()
    {
        var folder = CameraFolder(100);
        var (exit, _, err) = TrainerRun.Cli("denoise", "--data", folder, "--calibrate", "--steps", "1", "--run", _dir.File("run1"));
        Assert.NotEqual(0, exit);
        Assert.Contains("two or more EXIF ISO settings", err);
        Assert.Contains("all ISO 100", err);
    }

    public void Dispose() => _dir.Dispose();
}
