using AePaint.Imaging;
using AePaint.TestSupport;
using AePaint.Trainer.Degradations;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Tests.Training;

/// <summary>srDegradation "real": SR inputs are blurred, noisy, JPEG'd 8-bit reductions of their targets, not clean bicubic ones.</summary>
public sealed class RealLowResolutionDataTests : IDisposable
{
    private readonly TempDir _dir = new();

    private TrainOptions Options(string degradation)
    {
        var folder = _dir.File("photos");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", "coffee.png"), Path.Combine(folder, "coffee.png"), overwrite: true);
        File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", "rocket.jpg"), Path.Combine(folder, "rocket.jpg"), overwrite: true);
        return new TrainOptions
        {
            Task = "sr",
            Network = new() { Scale = 4, Preset = "small" },
            Data = new() { Folders = [folder], PatchSize = 16, BatchSize = 8, ValidationCrop = 64, ValidationFraction = 0.5 },
            Degradation = new() { SrInput = degradation },
        };
    }

    /// <summary>Per sample: RMS (in 8-bit levels) between the LR input and the clean bicubic reduction of its own target.</summary>
    private List<double> DistanceFromBicubic(string degradation, out float[] inputs)
    {
        var batch = PhotoTrainingData.Open(Options(degradation), TextWriter.Null).TrainBatch(5);
        inputs = batch.Input;
        int lr = batch.Width, hr = lr * 4;
        var down = new BicubicDownscale(4);
        var result = new List<double>();
        for (int n = 0; n < batch.Count; n++)
        {
            var target = new PlanarImage(3, hr, hr, batch.Target.AsSpan(n * 3 * hr * hr, 3 * hr * hr).ToArray());
            var clean = down.Apply(target, new Random(0)).Image.Data;
            var input = batch.Input.AsSpan(n * 3 * lr * lr, 3 * lr * lr).ToArray();
            result.Add(Math.Sqrt(clean.Zip(input).Average(p => (p.First - p.Second) * (p.First - p.Second))) * 255);
        }

        return result;
    }

    [SkippableFact]
    public void RealInputsAreDegradedEightBitReductions()
    {
        Assert.All(DistanceFromBicubic("bicubic", out _), d => Assert.Equal(0, d, 6));
        var real = DistanceFromBicubic("real", out var inputs);
        Assert.True(real.Count(d => d > 1) >= 6, "most real-degradation inputs should differ from the clean reduction: " + string.Join(", ", real.Select(d => d.ToString("F2"))));
        Assert.All(inputs, v => Assert.Equal(Math.Round(v * 255), v * 255, 3)); // 8-bit levels, as a saved file holds them
    }

    [SkippableFact]
    public void RealIsForSrAndInheritedByFineTunes()
    {
        Assert.Contains((Options("real") with { Task = "denoise" }).Problems(), p => p.StartsWith("degradation.srInput: 'real' is for sr models", StringComparison.Ordinal));
        Assert.Contains("degradation.srInput: 'jpeg' is not allowed; allowed: bicubic, real", Options("jpeg").Problems());
        Assert.DoesNotContain(Options("real").Problems(), p => p.Contains("srInput"));
        var inherited = FineTune.InheritNoise(Options("bicubic"), Options("real"), new HashSet<string>());
        Assert.Equal("real", inherited.Degradation.SrInput);
        Assert.Equal("bicubic", FineTune.InheritNoise(Options("bicubic"), Options("real"), new HashSet<string> { "degradation.srInput" }).Degradation.SrInput);
    }

    public void Dispose() => _dir.Dispose();
}
