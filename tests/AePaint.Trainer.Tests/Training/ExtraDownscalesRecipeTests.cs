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

    // The clean targets of steps 0–2 (two folders, preDownscale 2) drawn by the trainer at 9d366d4.
    private const string PinnedTargets = "F18F8798A4D2E1A0";
}
