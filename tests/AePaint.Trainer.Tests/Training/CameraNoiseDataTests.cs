using AePaint.TestSupport;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Tests.Training;

/// <summary>realNoiseModel "camera": the camera share of a denoise batch carries demosaiced noise and its RMS as σ map.</summary>
public sealed class CameraNoiseDataTests : IDisposable
{
    private readonly TempDir _dir = new();

    private TrainOptions Options(string model)
    {
        var folder = _dir.File("photos");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", "coffee.png"), Path.Combine(folder, "coffee.png"), overwrite: true);
        File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", "chelsea.png"), Path.Combine(folder, "chelsea.png"), overwrite: true);
        return new TrainOptions
        {
            Task = "denoise",
            Network = new() { Preset = "tiny" },
            Data = new() { Folders = [folder], PatchSize = 48, BatchSize = 8, ValidationCrop = 32, ValidationFraction = 0.5 },
            Degradation = new() { Noise = new() { RealFraction = 1, RealModel = model } },
        };
    }

    /// <summary>Per sample: RMS noise ×255, the σ plane ×255, and the noise's horizontal neighbour correlation.</summary>
    private List<(double Rms, double Sigma, double Corr)> Samples(string model)
    {
        var batch = PhotoTrainingData.Open(Options(model), TextWriter.Null).TrainBatch(3);
        int w = batch.Width, plane = w * batch.Height;
        var result = new List<(double, double, double)>();
        for (int n = 0; n < batch.Count; n++)
        {
            var d = Enumerable.Range(0, 3 * plane).Select(i => (double)batch.Input[(n * 4 * plane) + i] - batch.Target[(n * 3 * plane) + i]).ToArray();
            double rms = Math.Sqrt(d.Average(v => v * v)) * 255, sab = 0, saa = 0;
            for (int i = 0; i < d.Length; i++)
            {
                saa += d[i] * d[i];
                sab += i % w == w - 1 ? 0 : d[i] * d[i + 1];
            }

            result.Add((rms, batch.Input[(n * 4 * plane) + (3 * plane)] * 255.0, sab / saa));
        }

        return result;
    }

    [SkippableFact]
    public void CameraShareIsCorrelatedNoiseWithItsRmsAsSigmaMap()
    {
        var camera = Samples("camera");
        var sensor = Samples("poisson-gaussian");
        Assert.All(camera, s => Assert.Equal(s.Rms, s.Sigma, 1));
        Assert.All(camera, s => Assert.InRange(s.Corr, 0.2, 0.7));
        Assert.All(sensor, s => Assert.InRange(s.Corr, -0.1, 0.1));
    }

    [SkippableFact]
    public void UnknownNoiseModelIsRefused()
    {
        Assert.Contains("degradation.noise.realModel: 'sidd' is not allowed; allowed: poisson-gaussian, camera", Options("sidd").Problems());
        Assert.DoesNotContain(Options("camera").Problems(), p => p.Contains("realModel"));
    }

    public void Dispose() => _dir.Dispose();
}
