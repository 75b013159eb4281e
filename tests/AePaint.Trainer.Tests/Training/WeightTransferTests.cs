using AePaint.Inference.Cards;
using AePaint.TestSupport;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using TorchSharp;

namespace AePaint.Trainer.Tests.Training;

/// <summary>initFrom: a ×4 SR net starts from a trained ×2 net's body; other tasks are refused.</summary>
public sealed class WeightTransferTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string SaveSrCheckpoint(int scale)
    {
        var options = new TrainOptions { Task = "sr", Network = new() { Scale = scale, Preset = "tiny" }, Data = new() { Folders = ["x"], PatchSize = 32 }, Run = new() { Seed = 3 } };
        using var net = TrainableNet.Create(ModelTask.SuperResolution, "tiny", scale, seed: 3);
        using var optimizer = new AdamW(net.Module.parameters());
        var run = _dir.File($"x{scale}");
        return Checkpoint.Save(run, new CheckpointState { OptionsJson = options.ToJson() }, net, optimizer, keep: 1, best: false);
    }

    [Fact]
    public void X4StartsFromTheX2BodyAndKeepsItsOwnSubPixelHead()
    {
        var path = SaveSrCheckpoint(2);
        using var source = TrainableNet.Create(ModelTask.SuperResolution, "tiny", 2, seed: 3);
        Checkpoint.Load(path, source, null);
        using var target = TrainableNet.Create(ModelTask.SuperResolution, "tiny", 4, seed: 99);
        var before = target.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter.clone());

        var result = WeightTransfer.FromCheckpoint(path, target);

        Assert.Equal(2, result.Skipped);
        Assert.All(result.SkippedNames, n => Assert.StartsWith("toSubPixels", n));
        var src = source.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in target.Module.named_parameters())
        {
            var expected = result.SkippedNames.Contains(name) ? before[name] : src[name];
            Assert.True(p.equal(expected).all().item<bool>(), $"{name} was not {(result.SkippedNames.Contains(name) ? "kept" : "copied")}");
        }

        Assert.Equal(target.Module.named_parameters().Count(), result.Copied + result.Skipped);
    }

    [Fact]
    public void ADenoiseNetCannotStartFromAnSrCheckpoint()
    {
        var path = SaveSrCheckpoint(2);
        using var target = TrainableNet.Create(ModelTask.Denoise, "tiny", 1, seed: 1);
        var e = Assert.Throws<TrainerException>(() => WeightTransfer.FromCheckpoint(path, target));
        Assert.Contains(path, e.Message);
        Assert.Contains("sr model", e.Message);
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>clipFraction: the share of denoise inputs saved as an 8-bit photo would hold them.</summary>
public sealed class ClipFractionTests : IDisposable
{
    private readonly TempDir _dir = new();

    private Batch Batch(double clipFraction, double jpegFraction = 0, double cleanJpegFraction = 0)
    {
        var folder = _dir.File("photos");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", "coffee.png"), Path.Combine(folder, "coffee.png"), overwrite: true);
        File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", "chelsea.png"), Path.Combine(folder, "chelsea.png"), overwrite: true);
        var o = new TrainOptions { Task = "denoise", Network = new() { Preset = "tiny" }, Data = new() { Folders = [folder], PatchSize = 32, BatchSize = 16, ValidationCrop = 32, ValidationFraction = 0.5 }, Degradation = new() { Noise = new() { SigmaMin = 40, SigmaMax = 50 }, ClipFraction = clipFraction, JpegFraction = jpegFraction, CleanJpegFraction = cleanJpegFraction } };
        return PhotoTrainingData.Open(o, TextWriter.Null).TrainBatch(0);
    }

    private float[] NoisyInputs(double clipFraction, double jpegFraction = 0)
    {
        var batch = Batch(clipFraction, jpegFraction);
        int plane = batch.Width * batch.Height;
        return Enumerable.Range(0, batch.Count).SelectMany(n => batch.Input.Skip(n * 4 * plane).Take(3 * plane)).ToArray();
    }

    [SkippableFact]
    public void ClippedInputsAreEightBitValuesAndUnclippedOnesOvershoot()
    {
        var clipped = NoisyInputs(1.0);
        Assert.All(clipped, v => Assert.True(v is >= 0f and <= 1f && Math.Abs((v * 255f) - MathF.Round(v * 255f)) < 1e-3f, $"{v} is not an 8-bit value"));
        var raw = NoisyInputs(0.0);
        Assert.Contains(raw, v => v is < 0f or > 1f);
    }

    [SkippableFact]
    public void JpegFractionSavesTheNoisyInputAsACameraJpeg()
    {
        var jpeg = NoisyInputs(0.0, jpegFraction: 1.0);
        Assert.All(jpeg, v => Assert.True(v is >= 0f and <= 1f && Math.Abs((v * 255f) - MathF.Round(v * 255f)) < 1e-3f, $"{v} is not an 8-bit value"));
        Assert.NotEqual(NoisyInputs(1.0), jpeg); // not merely rounded: JPEG changed it
    }

    [SkippableFact]
    public void CleanJpegPatchesHaveSigmaZeroAndThemselvesAsTarget()
    {
        var batch = Batch(0.0, cleanJpegFraction: 1.0);
        int plane = batch.Width * batch.Height;
        for (int n = 0; n < batch.Count; n++)
        {
            Assert.Equal(batch.Target.Skip(n * 3 * plane).Take(3 * plane), batch.Input.Skip(n * 4 * plane).Take(3 * plane));
            Assert.All(batch.Input.Skip((n * 4 * plane) + (3 * plane)).Take(plane), v => Assert.Equal(0f, v));
        }

        Assert.Contains((new TrainOptions { Task = "sr", Network = new() { Scale = 2 }, Degradation = new() { JpegFraction = 0.5 } }).Problems(), p => p.Contains("jpegFraction", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
