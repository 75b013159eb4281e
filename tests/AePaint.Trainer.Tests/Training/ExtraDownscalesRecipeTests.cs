using System.Security.Cryptography;
using AePaint.TestSupport;
using AePaint.Trainer.Tests.Data;
using AePaint.Trainer.Training;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Training;

/// <summary>data.extraDownscales in the recipe: checked, handed to every folder's dataset, off by default with the old batches.</summary>
public sealed class ExtraDownscalesRecipeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private TrainOptions Recipe()
    {
        var a = _dir.File("a");
        var b = _dir.File("b");
        PhotoFolders.Fill(a, 3);
        Directory.CreateDirectory(b);
        foreach (var name in new[] { "coffee", "chelsea" })
        {
            File.Copy(Path.Combine(TestPaths.SharedData, "train", "skimage", name + ".png"), Path.Combine(b, name + ".png"));
        }

        return new TrainOptions
        {
            Task = "denoise",
            Network = new() { Preset = "tiny" },
            Data = new() { Folders = [a, b], PatchSize = 32, BatchSize = 8, ValidationCrop = 32, ValidationFraction = 0.3 },
        };
    }

    [SkippableFact]
    public void WithoutExtraScalesTheTrainingTargetsAreThoseBeforeTheKeyExisted()
    {
        var data = PhotoTrainingData.Open(Recipe(), new StringWriter());
        var targets = Enumerable.Range(0, 3).SelectMany(step => data.TrainBatch(step).Target).ToArray();
        var bytes = new byte[targets.Length * sizeof(float)];
        Buffer.BlockCopy(targets, 0, bytes, 0, bytes.Length);
        var hash = Convert.ToHexString(SHA256.HashData(bytes))[..16];
        output.WriteLine(hash);
        Assert.Equal(PinnedTargets, hash);
    }

    [SkippableFact]
    public void ExtraScalesReachEveryFolderAndTheBatchesReplay()
    {
        var o = Recipe();
        var scaled = o with { Data = o.Data with { ExtraDownscales = [3, 4] } };
        Assert.Empty(scaled.Problems());
        var log = new StringWriter();
        var a = PhotoTrainingData.Open(scaled, log);
        Assert.Equal(2, log.ToString().Split('\n').Count(l => l.Contains("pre-downscale ÷2, training also ÷3, ÷4;", StringComparison.Ordinal)));
        var b = PhotoTrainingData.Open(scaled, TextWriter.Null);
        var plain = PhotoTrainingData.Open(o, TextWriter.Null);
        Assert.Equal(a.TrainBatch(7).Input, b.TrainBatch(7).Input);
        Assert.Equal(a.TrainBatch(7).Target, b.TrainBatch(7).Target);
        Assert.NotEqual(plain.TrainBatch(7).Target, a.TrainBatch(7).Target);
        Assert.Equal(plain.Validation.SelectMany(v => v.Input), a.Validation.SelectMany(v => v.Input));
        Assert.Equal(plain.Validation.SelectMany(v => v.Target), a.Validation.SelectMany(v => v.Target));

        // Stored in the run's recipe and read back from it; a recipe stored before the key has none.
        Assert.Equal([3, 4], TrainOptions.FromStored(scaled.ToJson(), "options.json").Data.ExtraDownscales);
        var old = scaled.ToJson().Replace("\"extraDownscales\": [\n      3,\n      4\n    ],", "", StringComparison.Ordinal);
        Assert.DoesNotContain("extraDownscales", old, StringComparison.Ordinal);
        Assert.Empty(TrainOptions.FromStored(old, "options.json").Data.ExtraDownscales);
    }

    [Fact]
    public void BadValuesAreRefusedNamingTheKeyAndWhatIsAllowed()
    {
        static IReadOnlyList<string> Problems(List<double> extra, bool noisyOnly = false) => new TrainOptions
        {
            Task = "denoise",
            Data = new() { Folders = ["photos"], PreDownscale = noisyOnly ? 1 : 2, ExtraDownscales = extra },
            NoisyOnly = new() { Enabled = noisyOnly },
        }.Problems();

        Assert.Empty(Problems([2.5, 3, 4]));
        Assert.Equal(["data.extraDownscales: 2 is out of range; allowed: above preDownscale (2) up to 8"], Problems([2]));
        Assert.Equal(["data.extraDownscales: 1.5 is out of range; allowed: above preDownscale (2) up to 8"], Problems([1.5, 3]));
        Assert.Equal(["data.extraDownscales: 9 is out of range; allowed: above preDownscale (2) up to 8"], Problems([9]));
        Assert.Equal(["data.extraDownscales: [3, 3] is not allowed; allowed: at most 4 factors, each once"], Problems([3, 3]));
        Assert.Equal(["data.extraDownscales: [3, 4, 5, 6, 7] is not allowed; allowed: at most 4 factors, each once"], Problems([3, 4, 5, 6, 7]));
        Assert.Contains("data.extraDownscales: extra scales are for clean-target training; set [] with noisyOnly", Problems([2], noisyOnly: true));
        Assert.DoesNotContain(Problems([], noisyOnly: true), l => l.Contains("extraDownscales", StringComparison.Ordinal));

        var typed = _dir.File("typed.json");
        File.WriteAllText(typed, """{ "data": { "extraDownscales": "3" } }""");
        Assert.Equal($"{typed}: data.extraDownscales: expected a list of numbers", Assert.Throws<TrainerException>(() => TrainOptions.Load(typed)).Message);
        File.WriteAllText(typed, """{ "data": { "extraDownscales": [3, "4"] } }""");
        Assert.Equal($"{typed}: data.extraDownscales[1]: expected a number", Assert.Throws<TrainerException>(() => TrainOptions.Load(typed)).Message);
    }

    // The clean targets of steps 0–2 (two folders, preDownscale 2) drawn by the trainer at 9d366d4.
    private const string PinnedTargets = "F18F8798A4D2E1A0";
}
