using AePaint.TestSupport;
using AePaint.Trainer.Data;
using AePaint.Trainer.Tests.Cli;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Tests.Training;

/// <summary>Noisy-only data: no clean pixel reaches training, synthetic copies are fixed per photo, σ is estimated.</summary>
public sealed class NoisyOnlyDataTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Photos() => TrainerRun.Photos(_dir);

    private TrainOptions Options(float? synthetic) => new()
    {
        Task = "denoise",
        Data = new() { Folders = [Photos()], PreDownscale = synthetic is null ? 1 : 2, PatchSize = 32, BatchSize = 4, ValidationCrop = 64, ValidationFraction = 0.34 },
        NoisyOnly = new() { Enabled = true, SyntheticNoise = synthetic },
        Run = new() { Seed = 5 },
    };

    [SkippableFact]
    public void SyntheticCopiesAreFixedPerPhotoAndTheSigmaMapIsTheirEstimate()
    {
        var o = Options(25);
        Assert.Empty(o.Problems());
        var data = PhotoTrainingData.Open(o, TextWriter.Null);
        var batch = data.TrainBatch(3);
        Assert.Empty(batch.Target); // training never gets a clean target
        int plane = 32 * 32;
        for (int n = 0; n < batch.Count; n++)
        {
            // The σ plane: the estimate on the noisy copy, near the σ added (the estimator is within ~7 % on AWGN).
            float sigma = batch.Input[(((n * 4) + 3) * plane) + 5] * 255;
            Assert.InRange(sigma, 21, 29);
        }

        // The same photo and position give the same noise in every batch: one noisy copy, made once.
        var noise = new NoisyPhotos(25, o.Run.Seed, o.Degradation.Noise.MapSpec());
        var again = new NoisyPhotos(25, o.Run.Seed, o.Degradation.Noise.MapSpec());
        var origin = new PatchOrigin("/x/coffee.png", 10, 20, 5);
        var a = new float[3 * 16 * 16];
        var b = new float[3 * 16 * 16];
        noise.AddTo(a, origin, 16);
        again.AddTo(b, origin, 16);
        Assert.Equal(a, b);
        var other = new float[a.Length];
        new NoisyPhotos(25, o.Run.Seed + 1, o.Degradation.Noise.MapSpec()).AddTo(other, origin, 16);
        Assert.NotEqual(a, other);
        double std = Math.Sqrt(a.Average(v => (double)v * v)) * 255;
        Assert.InRange(std, 21, 29);

        // A patch cut from the same place under another symmetry carries the same noise values, moved with it.
        var turned = new float[a.Length];
        noise.AddTo(turned, origin with { Transform = 0 }, 16);
        Assert.Equal(a.Select(v => MathF.Round(v, 5)).Order(), turned.Select(v => MathF.Round(v, 5)).Order());

        // Validation scores against the originals of the held-out photos.
        Assert.All(data.Validation, v => Assert.Equal(3 * 64 * 64, v.Target.Length));
    }

    [SkippableFact]
    public void RealNoisyPhotosHaveNoTargetsUnlessCleanReferencesAreGiven()
    {
        var o = Options(null);
        var plain = PhotoTrainingData.Open(o, TextWriter.Null);
        Assert.All(plain.Validation, v => Assert.Empty(v.Target));
        Assert.Empty(plain.TrainBatch(0).Target);

        // The "originals" here are the same files: their crops must equal the noisy crops' colour planes.
        var log = new StringWriter();
        var referenced = PhotoTrainingData.Open(o with { NoisyOnly = o.NoisyOnly with { CleanReference = Photos() } }, log);
        var v = Assert.Single(referenced.Validation);
        Assert.Equal(3 * 64 * 64, v.Target.Length);
        Assert.Equal(v.Input.AsSpan(0, v.Target.Length).ToArray(), v.Target);
        Assert.DoesNotContain("warning", log.ToString());
    }

    [SkippableFact]
    public void NewOptionsAreValidated()
    {
        var ok = Options(null);
        Assert.Empty(ok.Problems());
        Assert.Contains((ok with { Data = ok.Data with { PatchSize = 40 } }).Problems(), p => p.StartsWith("data.patchSize:", StringComparison.Ordinal) && p.Contains("multiples of 16"));
        Assert.Contains((ok with { Data = ok.Data with { PreDownscale = 2 } }).Problems(), p => p.StartsWith("data.preDownscale:", StringComparison.Ordinal) && p.Contains("preDownscale 1"));
        Assert.Contains((ok with { NoisyOnly = ok.NoisyOnly with { N2nGamma = -1 } }).Problems(), p => p.StartsWith("noisyOnly.n2nGamma: -1 is out of range; allowed 0..100", StringComparison.Ordinal));
        Assert.Contains((ok with { NoisyOnly = ok.NoisyOnly with { SyntheticNoise = 0 } }).Problems(), p => p.StartsWith("noisyOnly.syntheticNoise:", StringComparison.Ordinal));
        Assert.Contains((ok with { Degradation = ok.Degradation with { ClipFraction = 0.5 } }).Problems(), p => p.StartsWith("degradation.clipFraction:", StringComparison.Ordinal));
        Assert.Contains((ok with { Task = "sr", Network = ok.Network with { Scale = 2 } }).Problems(), p => p.Contains("denoisers only"));
        Assert.Contains((ok with { NoisyOnly = ok.NoisyOnly with { SyntheticNoise = 25, CleanReference = "x" } }).Problems(), p => p.StartsWith("noisyOnly.cleanReference:", StringComparison.Ordinal));
        Assert.Contains((ok with { NoisyOnly = ok.NoisyOnly with { Enabled = false, SyntheticNoise = 25 } }).Problems(), p => p.Contains("need noisyOnly.enabled"));
        Assert.Contains((ok with { FineTune = new() { From = "a.onnx" }, Network = ok.Network with { InitFrom = "b.ckpt" } }).Problems(), p => p.StartsWith("fineTune.from:", StringComparison.Ordinal) && p.Contains("not both"));
        Assert.Contains((ok with { FineTune = new() { MinGain = -1 } }).Problems(), p => p.StartsWith("fineTune.minGain: -1 is out of range", StringComparison.Ordinal));
        Assert.Empty((ok with { NoisyOnly = ok.NoisyOnly with { SyntheticNoise = 25 }, Data = ok.Data with { PreDownscale = 2 } }).Problems());

        var file = _dir.File("o.json");
        File.WriteAllText(file, """{ "noisyOnly": { "enabled": true, "n2nGamma": 1, "syntheticNoise": 25, "cleanReference": null }, "fineTune": { "from": null, "minGain": 0.1 }, "schedule": { "earlyStopPatience": 3 } }""");
        var loaded = TrainOptions.Load(file);
        Assert.Equal((true, 1.0, 25f, 0.1, 3), (loaded.NoisyOnly.Enabled, loaded.NoisyOnly.N2nGamma, loaded.NoisyOnly.SyntheticNoise!.Value, loaded.FineTune.MinGain, loaded.Schedule.EarlyStopPatience));
        File.WriteAllText(file, """{ "noisyOnly": { "enabled": true, "n2nGama": 1 } }""");
        Assert.Contains("n2nGama", Assert.Throws<TrainerException>(() => TrainOptions.Load(file)).Message);
    }

    public void Dispose() => _dir.Dispose();
}
