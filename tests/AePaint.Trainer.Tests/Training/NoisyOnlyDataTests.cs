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
        Data = [Photos()],
        NoisyOnly = true,
        SyntheticNoise = synthetic,
        PreDownscale = synthetic is null ? 1 : 2,
        PatchSize = 32,
        BatchSize = 4,
        ValidationCrop = 64,
        ValidationFraction = 0.34,
        Seed = 5,
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
        var noise = new NoisyPhotos(25, o.Seed);
        var again = new NoisyPhotos(25, o.Seed);
        var origin = new PatchOrigin("/x/coffee.png", 10, 20, 5);
        var a = new float[3 * 16 * 16];
        var b = new float[3 * 16 * 16];
        noise.AddTo(a, origin, 16);
        again.AddTo(b, origin, 16);
        Assert.Equal(a, b);
        var other = new float[a.Length];
        new NoisyPhotos(25, o.Seed + 1).AddTo(other, origin, 16);
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
        var referenced = PhotoTrainingData.Open(o with { CleanReference = Photos() }, log);
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
        Assert.Contains((ok with { PatchSize = 40 }).Problems(), p => p.Contains("multiples of 16"));
        Assert.Contains((ok with { PreDownscale = 2 }).Problems(), p => p.Contains("preDownscale 1"));
        Assert.Contains((ok with { N2nGamma = -1 }).Problems(), p => p.Contains("n2nGamma"));
        Assert.Contains((ok with { SyntheticNoise = 0 }).Problems(), p => p.Contains("syntheticNoise"));
        Assert.Contains((ok with { ClipFraction = 0.5 }).Problems(), p => p.Contains("clipFraction"));
        Assert.Contains((ok with { Task = "sr", Scale = 2 }).Problems(), p => p.Contains("denoisers only"));
        Assert.Contains((ok with { SyntheticNoise = 25, CleanReference = "x" }).Problems(), p => p.Contains("cleanReference"));
        Assert.Contains((ok with { NoisyOnly = false, SyntheticNoise = 25 }).Problems(), p => p.Contains("need noisyOnly"));
        Assert.Contains((ok with { From = "a.onnx", InitFrom = "b.ckpt" }).Problems(), p => p.Contains("from and initFrom"));
        Assert.Contains((ok with { MinGain = -1 }).Problems(), p => p.Contains("minGain"));
        Assert.Empty((ok with { SyntheticNoise = 25, PreDownscale = 2 }).Problems());

        var file = _dir.File("o.json");
        File.WriteAllText(file, """{ "noisyOnly": true, "n2nGamma": 1, "syntheticNoise": 25, "cleanReference": null, "from": null, "minGain": 0.1, "earlyStopPatience": 3 }""");
        var loaded = TrainOptions.Load(file);
        Assert.Equal((true, 1.0, 25f, 0.1, 3), (loaded.NoisyOnly, loaded.N2nGamma, loaded.SyntheticNoise!.Value, loaded.MinGain, loaded.EarlyStopPatience));
        File.WriteAllText(file, """{ "noisyOnly": true, "n2nGama": 1 }""");
        Assert.Contains("n2nGama", Assert.Throws<TrainerException>(() => TrainOptions.Load(file)).Message);
    }

    public void Dispose() => _dir.Dispose();
}
