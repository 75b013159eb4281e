using AePaint.Inference;
using AePaint.TestSupport;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using TorchSharp;

namespace AePaint.Trainer.Tests.Training;

/// <summary>
/// Recipes across runs, with real TorchSharp steps: a checkpoint written by the flat-recipe trainer resumes with its
/// converted recipe, and the recipe's σ range is what the exported card declares.
/// </summary>
public sealed class RecipeRunTests : IDisposable
{
    // What the flat-recipe trainer stored in its checkpoints for TrainingLoopTests.Options(4).
    private const string FlatOptionsJson = """
        { "task": "denoise", "scale": 1, "preset": "tiny", "name": "my-model", "data": ["synthetic"], "exclude": [],
          "validationFraction": 0.1, "preDownscale": 2, "patchSize": 32, "batchSize": 4, "steps": 4, "learningRate": 0.002,
          "minLearningRate": 1E-06, "warmupSteps": 2, "weightDecay": 0.0001, "loss": "charbonnier", "ema": 0, "gradClip": 1,
          "sigmaMin": 0, "sigmaMax": 55, "realNoiseFraction": 0, "realNoiseModel": "poisson-gaussian", "srDegradation": "bicubic",
          "clipFraction": 0, "jpegFraction": 0, "cleanJpegFraction": 0, "validateEvery": 10, "checkpointEvery": 2,
          "keepCheckpoints": 2, "validationCrop": 128, "threads": 0, "seed": 7, "device": "cpu", "initFrom": null, "from": null,
          "minGain": 0.05, "earlyStopPatience": 0, "noisyOnly": false, "n2nGamma": 2, "syntheticNoise": null,
          "cleanReference": null, "calibrate": false, "calibration": null }
        """;

    private readonly TempDir _dir = new();

    [Fact]
    public void ACheckpointWithAFlatRecipeResumesWithTheConvertedOneAndExportsTheNewFormat()
    {
        var run = _dir.File("old-run");
        new TrainingLoop(TrainingLoopTests.Options(4), new SyntheticData(32, 4), run, TextWriter.Null).Run(resume: false);

        // Rewrite the newest checkpoint as the flat-recipe trainer wrote it: same weights and moments, flat options.
        var latest = Checkpoint.Latest(run)!;
        using (var net = TrainableNet.Create(Inference.Cards.ModelTask.Denoise, "tiny", 1, 7))
        using (var optimizer = new AdamW(net.Module.parameters()))
        {
            var state = Checkpoint.Load(latest, net, optimizer);
            File.Delete(latest);
            Checkpoint.Save(run, state with { OptionsJson = FlatOptionsJson }, net, optimizer, keep: 2, best: false);
        }

        Assert.Equal(TrainingLoopTests.Options(4).ToJson(), TrainOptions.FromStored(Checkpoint.Load(latest, null, null).OptionsJson, latest).ToJson());

        var log = new StringWriter();
        var converted = TrainingLoopTests.Options(8);
        var result = new TrainingLoop(converted, new SyntheticData(32, 4), run, log).Run(resume: true);
        Assert.Contains("resumed from", log.ToString());
        Assert.Equal(8, result.Steps);
        Assert.All(result.Curve, p => Assert.True(double.IsFinite(p.Loss)));
        Assert.Equal(converted.ToJson(), Checkpoint.Load(result.LastCheckpoint, null, null).OptionsJson);

        var onnx = _dir.File("resumed.onnx");
        var (card, _) = CheckpointExport.Export(result.LastCheckpoint, onnx);
        Assert.Equal(converted.ToJson(), card.Training!.Recipe);
    }

    [Fact]
    public void TheCommittedSnapshotOfTheQualityDenoiserReadsAsItsRecipe()
    {
        // The run resumes from the committed snapshot with recipe.json: the recipe stored in it must be that recipe.
        var snapshot = Path.Combine(TestPaths.RepoRoot, "models", "experiments", "denoise-quality", "latest.ckpt");
        var stored = TrainOptions.FromStored(Checkpoint.Load(snapshot, null, null).OptionsJson, snapshot);
        var recipe = TrainOptions.Load(Path.Combine(TestPaths.RepoRoot, "models", "experiments", "denoise-quality", "recipe.json"));
        Assert.Equal(recipe.ToJson(), stored.ToJson());
    }

    [Fact]
    public void StageTwoOfTheQualityDenoiserStartsFromTheCommittedStageOneWeights()
    {
        // A fresh clone starts stage 2 from the committed stage-1 snapshot: every weight must carry over.
        var recipe = TrainOptions.Load(Path.Combine(TestPaths.RepoRoot, "models", "experiments", "denoise-quality-s2", "recipe.json"));
        var init = Path.Combine(TestPaths.RepoRoot, recipe.Network.InitFrom!);
        using var net = TrainableNet.Create(Inference.Cards.ModelTask.Denoise, recipe.Network.Preset, recipe.Network.Scale, recipe.Run.Seed);
        var transfer = WeightTransfer.FromCheckpoint(init, net);
        Assert.Equal(0, transfer.Skipped);
        Assert.Equal(net.Module.parameters().Count(), transfer.Copied);
    }

    [Fact]
    public void TheCardDeclaresTheRecipesSigmaRange()
    {
        var o = TrainingLoopTests.Options(2) with { Name = "range-0-30", Degradation = new() { Noise = new() { SigmaMin = 0, SigmaMax = 30 } } };
        var run = _dir.File("range");
        var result = new TrainingLoop(o, new SyntheticData(32, 4), run, TextWriter.Null).Run(resume: false);
        var onnx = _dir.File("range-0-30.onnx");
        CheckpointExport.Export(result.LastCheckpoint, onnx);

        using var model = ModelSession.Open(onnx, ExecutionDevice.Cpu); // the card as the plugin and the CLI read it
        var map = model.Card.NoiseMap!;
        Assert.Equal((0f, 30f, 255f), (map.SigmaMin, map.SigmaMax, map.Divisor));
        Assert.Contains("σ 0–30", model.Card.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void NoisyOnlySigmaMapsStayWithinTheRecipesRange()
    {
        var photo = new AePaint.Trainer.Data.RgbPhoto(64, 64, new byte[64 * 64 * 3]);
        Array.Fill(photo.Rgb, (byte)128);
        var range = new AePaint.Trainer.Training.Recipe.NoiseSection { SigmaMin = 2, SigmaMax = 10 }.MapSpec();
        Assert.Equal(10f, new NoisyPhotos(40, 1, range).Sigma("flat.png", photo)); // AWGN 40 on a flat photo, clamped to the range
        Assert.Equal(2f, new NoisyPhotos(null, 1, range).Sigma("flat.png", photo)); // no noise at all
    }

    public void Dispose() => _dir.Dispose();
}
