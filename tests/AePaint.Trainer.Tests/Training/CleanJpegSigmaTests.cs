using AePaint.TestSupport;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Tests.Training;

/// <summary>
/// degradation.cleanJpegSigmaMax: clean JPEG'd patches told a σ drawn in [0, max] must still come out as they are
/// (issue 17: the automatic σ reads busy clean photos as σ 3–16); 0 keeps the old draws so running trainings replay.
/// </summary>
public sealed class CleanJpegSigmaTests : IDisposable
{
    private readonly TempDir _dir = new();

    private Batch Batch(double cleanJpegFraction, double sigmaMax, long step = 0)
    {
        var folder = _dir.File("photos");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", "coffee.png"), Path.Combine(folder, "coffee.png"), overwrite: true);
        File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", "chelsea.png"), Path.Combine(folder, "chelsea.png"), overwrite: true);
        var o = new TrainOptions
        {
            Task = "denoise",
            Network = new() { Preset = "tiny" },
            Data = new() { Folders = [folder], PatchSize = 32, BatchSize = 16, ValidationCrop = 32, ValidationFraction = 0.4 },
            Degradation = new() { Noise = new() { SigmaMin = 0, SigmaMax = 55, RealFraction = 0.5, RealModel = "camera" }, ClipFraction = 0.3, JpegFraction = 0.25, CleanJpegFraction = cleanJpegFraction, CleanJpegSigmaMax = sigmaMax },
        };
        Assert.Empty(o.Problems());
        return PhotoTrainingData.Open(o, TextWriter.Null).TrainBatch(step);
    }

    private static float[] Rgb(Batch b, int n)
    {
        int plane = b.Width * b.Height;
        return b.Input.Skip(n * 4 * plane).Take(3 * plane).ToArray();
    }

    private static float[] SigmaPlane(Batch b, int n)
    {
        int plane = b.Width * b.Height;
        return b.Input.Skip((n * 4 * plane) + (3 * plane)).Take(plane).ToArray();
    }

    private static float[] Target(Batch b, int n)
    {
        int plane = b.Width * b.Height;
        return b.Target.Skip(n * 3 * plane).Take(3 * plane).ToArray();
    }

    [SkippableFact]
    public void CleanJpegPatchesToldADrawnSigmaHaveThemselvesAsTarget()
    {
        var batch = Batch(1.0, 16);
        var told = new List<float>();
        for (int n = 0; n < batch.Count; n++)
        {
            var rgb = Rgb(batch, n);
            Assert.Equal(Target(batch, n), rgb);
            Assert.All(rgb, v => Assert.True(Math.Abs((v * 255f) - MathF.Round(v * 255f)) < 1e-3f, $"{v} is not an 8-bit value: not a decoded JPEG"));
            var sigma = SigmaPlane(batch, n);
            Assert.All(sigma, v => Assert.Equal(sigma[0], v)); // one σ per patch, the whole map filled
            Assert.InRange(sigma[0] * 255f, 0f, 16f);
            told.Add(sigma[0] * 255f);
        }

        // Drawn, not fixed: spread over the range (16 uniform draws).
        Assert.True(told.Distinct().Count() >= 12, string.Join(", ", told));
        Assert.True(told.Min() < 6 && told.Max() > 10, string.Join(", ", told));
    }

    [SkippableFact]
    public void ZeroMaxReplaysTheOldDrawsAndAPositiveMaxOnlyAddsOneDrawPerCleanPatch()
    {
        // The pattern of clean patches over the first steps with max 0, as drawn before this key existed (pinned from
        // the trainer at 4d57122): 1 = a clean JPEG patch (input = target, σ 0).
        var pattern = string.Concat(Enumerable.Range(0, 4).Select(step => Batch(0.5, 0, step)).SelectMany(b => Enumerable.Range(0, b.Count).Select(n => Rgb(b, n).SequenceEqual(Target(b, n)) ? '1' : '0')));
        Assert.Equal(OldPattern, pattern);

        var old = Batch(0.5, 0);
        var told = Batch(0.5, 16);
        int first = Enumerable.Range(0, old.Count).First(n => Rgb(old, n).SequenceEqual(Target(old, n)));

        // Identical up to and including the first clean JPEG patch, which alone differs, in its σ (0 vs drawn).
        for (int n = 0; n <= first; n++)
        {
            Assert.Equal(Rgb(old, n), Rgb(told, n));
            Assert.Equal(Target(old, n), Target(told, n));
            if (n < first)
            {
                Assert.Equal(SigmaPlane(old, n), SigmaPlane(told, n));
            }
        }

        Assert.All(SigmaPlane(old, first), v => Assert.Equal(0f, v));
        Assert.True(SigmaPlane(told, first)[0] > 0f);
        Assert.NotEqual(Rgb(old, first + 1), Rgb(told, first + 1)); // the σ draw moved every draw after it
    }

    [Fact]
    public void TheRecipeRefusesAMaxAboveTheNoiseRangeOrWithoutCleanJpegs()
    {
        var above = new TrainOptions { Task = "denoise", Degradation = new() { Noise = new() { SigmaMax = 30 }, CleanJpegFraction = 0.1, CleanJpegSigmaMax = 40 } };
        Assert.Contains(above.Problems(), p => p.StartsWith("degradation.cleanJpegSigmaMax: 40 is out of range; allowed 0..30", StringComparison.Ordinal));
        var alone = new TrainOptions { Task = "denoise", Degradation = new() { CleanJpegSigmaMax = 8 } };
        Assert.Contains(alone.Problems(), p => p.StartsWith("degradation.cleanJpegSigmaMax:", StringComparison.Ordinal) && p.Contains("cleanJpegFraction", StringComparison.Ordinal));
        var base_ = new TrainOptions { Task = "denoise", Degradation = new() { CleanJpegFraction = 0.1, CleanJpegSigmaMax = 12 } };
        Assert.Equal(12, FineTune.InheritNoise(new TrainOptions { Task = "denoise" }, base_, new HashSet<string>()).Degradation.CleanJpegSigmaMax);
    }

    private const string OldPattern = "1100011001010101111101011011000111010111101001101111110100100011";

    public void Dispose() => _dir.Dispose();
}
