using AePaint.TestSupport;
using AePaint.Trainer.Tests.Cli;
using AePaint.Trainer.Training;
using AePaint.Trainer.Training.Recipe;

namespace AePaint.Trainer.Tests.Training;

/// <summary>The nested recipe: committed recipes load, mistakes are refused one line each (file, key path, allowed), runs round-trip.</summary>
public sealed class RecipeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public static TheoryData<string> CommittedRecipes()
    {
        var models = Path.Combine(TestPaths.RepoRoot, "models");
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(models, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // Recipes are the files with a task that are not model cards (which carry formatVersion) or reports.
            var text = File.ReadAllText(file);
            if (text.Contains("\"task\"", StringComparison.Ordinal) && !text.Contains("\"formatVersion\"", StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}reports{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(TestPaths.RepoRoot, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommittedRecipes))]
    public void EveryCommittedRecipeLoadsAndValidates(string relative)
    {
        var recipe = TrainOptions.Load(Path.Combine(TestPaths.RepoRoot, relative));
        Assert.Empty(recipe.Problems());
        Assert.NotEmpty(recipe.Data.Folders);
    }

    [Fact]
    public void TheCommittedRecipesAreAllFound()
    {
        Assert.True(CommittedRecipes().Count >= 16, $"found {CommittedRecipes().Count}");
    }

    [Fact]
    public void FlatKeysOfTheOldFormatAreRefusedNamingTheirNewPath()
    {
        var path = Write("""{ "task": "denoise", "data": ["photos"], "sigmaMax": 30, "network": { "preset": "tiny" } }""");
        var e = Assert.Throws<TrainerException>(() => TrainOptions.Load(path));
        Assert.Equal([$"{path}: data: moved to data.folders", $"{path}: sigmaMax: moved to degradation.noise.sigmaMax"], e.Message.Split(Environment.NewLine));
    }

    [Fact]
    public void UnknownKeysAndWrongTypesNameTheKeyPathAndWhatIsAllowed()
    {
        var path = Write("""{ "task": "denoise", "degradation": { "noise": { "sigma": 3 }, "blur": 1 }, "network": 4 }""");
        var e = Assert.Throws<TrainerException>(() => TrainOptions.Load(path));
        Assert.Equal(
            [
                $"{path}: degradation.noise.sigma: unknown key; allowed here: sigmaMin, sigmaMax, realFraction, realModel, calibrate, calibration, cleanPhotos, fittedCamera",
                $"{path}: degradation.blur: unknown key; allowed here: noise, clipFraction, jpegFraction, cleanJpegFraction, cleanJpegSigmaMax, srInput",
                $"{path}: network: expected an object {{ preset, scale, initFrom }}",
            ],
            e.Message.Split(Environment.NewLine));

        var typed = Write("""{ "degradation": { "noise": { "sigmaMax": "high" } } }""");
        Assert.Equal($"{typed}: degradation.noise.sigmaMax: expected a number", Assert.Throws<TrainerException>(() => TrainOptions.Load(typed)).Message);
        var list = Write("""{ "data": { "folders": "photos" } }""");
        Assert.Equal($"{list}: data.folders: expected a list of strings", Assert.Throws<TrainerException>(() => TrainOptions.Load(list)).Message);
    }

    [Fact]
    public void OutOfRangeValuesFailTheCommandOneLineEachNamingTheFile()
    {
        var path = Write("""{ "degradation": { "noise": { "sigmaMin": 10, "sigmaMax": 300 } }, "schedule": { "keepCheckpoints": 0 }, "optimiser": { "loss": "ssim" } }""");
        var (exit, _, err) = TrainerRun.Cli("denoise", "--options", path, "--data", _dir.Path, "--run", _dir.File("run"));
        Assert.Equal(1, exit);
        Assert.Equal(
            [
                $"aepaint-train: error: {path}: degradation.noise.sigmaMax: 300 is out of range; allowed 10..255 (and ≥ sigmaMin)",
                $"aepaint-train: error: {path}: optimiser.loss: 'ssim' is not allowed; allowed: charbonnier, l1, l2",
                $"aepaint-train: error: {path}: schedule.keepCheckpoints: 0 is out of range; allowed ≥ 1",
            ],
            err.TrimEnd().Split(Environment.NewLine));
        Assert.False(Directory.Exists(_dir.File("run")));
    }

    [SkippableFact]
    public void FlagsOverrideTheirKeysAndTheCardSaysTheRecipesSigmaRange()
    {
        var photos = TrainerRun.Photos(_dir);
        var path = Write("""
            { "name": "from-recipe", "network": { "preset": "tiny" }, "data": { "patchSize": 48, "validationCrop": 64, "validationFraction": 0.34 },
              "degradation": { "noise": { "sigmaMin": 0, "sigmaMax": 30 } }, "schedule": { "steps": 500, "validateEvery": 2 }, "run": { "seed": 3 } }
            """);
        var run = _dir.File("run");
        var (exit, _, err) = TrainerRun.Cli("denoise", "--options", path, "--data", photos, "--steps", "2", "--batch", "2", "--patch", "32", "--lr", "0.001",
            "--seed", "5", "--threads", "1", "--name", "range-30", "--run", run, "--embedder", "none");
        Assert.True(exit == 0, err);

        var effective = TrainOptions.Load(Path.Combine(run, "options.json"));
        Assert.Equal((2L, 2, 32, 0.001, 5L, 1, "range-30"), (effective.Schedule.Steps, effective.Data.BatchSize, effective.Data.PatchSize, effective.Optimiser.LearningRate, effective.Run.Seed, effective.Run.Threads, effective.Name));
        Assert.Equal((64, 0.34, 2L, 30f), (effective.Data.ValidationCrop, effective.Data.ValidationFraction, effective.Schedule.ValidateEvery, effective.Degradation.Noise.SigmaMax));
        Assert.Equal([Path.GetFullPath(photos)], effective.Data.Folders);

        using var model = Inference.ModelSession.Open(Path.Combine(run, "range-30.onnx"), Inference.ExecutionDevice.Cpu);
        Assert.Equal((0f, 30f), (model.Card.NoiseMap!.SigmaMin, model.Card.NoiseMap.SigmaMax));
    }

    [Fact]
    public void EveryKeyRoundTripsThroughJson()
    {
        var recipe = new TrainOptions
        {
            Task = "denoise",
            Name = "all-keys",
            Network = new() { Preset = "small", Scale = 1, InitFrom = "runs/a/checkpoints/best.ckpt" },
            Data = new() { Folders = ["a", "b"], Exclude = ["x.png"], ValidationFraction = 0.2, ValidationCrop = 96, PreDownscale = 1.5, PatchSize = 48, BatchSize = 4 },
            Degradation = new()
            {
                Noise = new()
                {
                    SigmaMin = 5, SigmaMax = 30, RealFraction = 0.25, RealModel = "camera", Calibrate = true,
                    Calibration = new() { Camera = "X100", CleanIsoMax = 400, Noise = [new IsoNoise(800, 3, 1e-4, 2e-6)], CleanPhotos = ["/p/a.jpg"] },
                },
                ClipFraction = 0.3, JpegFraction = 0.1, CleanJpegFraction = 0.05, CleanJpegSigmaMax = 12, SrInput = "bicubic",
            },
            Optimiser = new() { LearningRate = 1e-3, WeightDecay = 0, GradClip = 0.5, Ema = 0.99, Loss = "l2" },
            Schedule = new() { Steps = 123, Minutes = 9.5, WarmupSteps = 7, MinLearningRate = 1e-7, ValidateEvery = 11, CheckpointEvery = 13, KeepCheckpoints = 5, EarlyStopPatience = 2 },
            FineTune = new() { From = null, MinGain = 0.2 },
            NoisyOnly = new() { Enabled = false, N2nGamma = 1.5 },
            Run = new() { Threads = 1, Seed = 42, Device = "cpu" },
        };
        var file = _dir.File("options.json");
        File.WriteAllText(file, recipe.ToJson());
        var back = TrainOptions.Load(file);
        Assert.Equal(recipe.ToJson(), back.ToJson());
        Assert.Equal(recipe.Degradation.Noise with { Calibration = null }, back.Degradation.Noise with { Calibration = null });
        Assert.Equal(recipe.Schedule, back.Schedule);
        Assert.Equal(recipe.Optimiser, back.Optimiser);
        Assert.Equal(800, back.Degradation.Noise.Calibration!.Noise.Single().Iso);
    }

    [Fact]
    public void KeysInListsTheKeyPathsAFileSets()
    {
        var path = Write("""{ "task": "denoise", "optimiser": { "learningRate": 1e-3 }, "degradation": { "noise": { "sigmaMax": 30 } } }""");
        Assert.Equal(["degradation.noise.sigmaMax", "optimiser.learningRate", "task"], TrainOptions.KeysIn(path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheLegacyTableCoversEveryKeyOfTheNestedRecipe()
    {
        // Every leaf of the nested recipe (besides task and name) has exactly one old flat key: stored old recipes lose nothing.
        var leaves = TrainOptions.KeysIn(Write(new TrainOptions { Network = new() { InitFrom = "x" }, Schedule = new() { Minutes = 1 }, FineTune = new() { From = "y" }, NoisyOnly = new() { SyntheticNoise = 1, CleanReference = "z" }, Degradation = new() { Noise = new() { Calibration = new() { Noise = [new IsoNoise(800, 1, 1e-4, 1e-6)] } } } }.ToJson()));
        leaves.ExceptWith(["task", "name"]);
        Assert.Equal(leaves.Order(StringComparer.Ordinal), LegacyRecipe.Moved.Values.Order(StringComparer.Ordinal));
    }

    private string Write(string json)
    {
        var path = _dir.File($"recipe-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
