using AePaint.ImageFiles;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;
using AePaint.Trainer.Export;
using AePaint.Trainer.Nets;
using AePaint.Trainer.Training;
using AePaint.Trainer.Training.Recipe;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>
/// `--from` with the hold-out guard and `--install`, end to end on real photos with real steps: a fine-tune that
/// cannot beat its base is neither exported nor installed; one that clearly can is, with a card that says so.
/// Installs go to a temporary folder (--install-to), never the real per-user one.
/// </summary>
public sealed class FineTuneCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    private string Models => _dir.File("user-models");

    [SkippableFact]
    public void FineTuneThatCannotBeatTheBaseIsNotExportedOrInstalled()
    {
        var run = _dir.File("run-same");
        var (exit, text, err) = Run("denoise", "--data", Photos(), "--from", FreshBase(), "--steps", "1", "--lr", "1e-6", "--batch", "2", "--patch", "32",
            "--run", run, "--name", "birds", "--install-to", Models);
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("not better than the base", text);
        Assert.Contains("Nothing exported; keep using fresh-base", text);
        Assert.Contains("nothing installed", text);
        Assert.False(File.Exists(Path.Combine(run, "birds.onnx")));
        Assert.False(Directory.Exists(Models) && Directory.EnumerateFiles(Models).Any());
        Assert.Contains("not better than the base", File.ReadAllText(Path.Combine(run, "holdout.txt")));
    }

    [SkippableFact]
    public void FineTuneThatBeatsAFreshBaseIsExportedAndInstalledWithItsHoldoutGain()
    {
        var run = _dir.File("run-better");
        var (exit, text, err) = Run("denoise", "--data", Photos(), "--from", FreshBase(), "--steps", "25", "--lr", "2e-3", "--batch", "4", "--patch", "32",
            "--run", run, "--name", "birds", "--install", "--install-to", Models);
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("exporting the fine-tuned model", text);
        Assert.Contains("installed birds", text);

        var installed = Path.Combine(Models, "birds.onnx");
        using var model = ModelSession.Open(installed, ExecutionDevice.Cpu);
        var card = model.Card;
        Assert.Equal("birds", card.Name);
        Assert.Equal("fresh-base", card.Training!.BaseModel);
        Assert.Equal(3, card.Training.Photos);
        Assert.Equal("clean-targets", card.Training.Supervision);
        Assert.Contains("photos", card.Training.Data);
        double baseline = card.Metrics.Single(m => m.Dataset == "holdout" && m.Metric == "psnr-base").Value;
        double tuned = card.Metrics.Single(m => m.Dataset == "holdout" && m.Metric == "psnr").Value;
        double gain = card.Metrics.Single(m => m.Dataset == "holdout" && m.Metric == "gain-db").Value;
        output.WriteLine($"hold-out: base {baseline} dB, fine-tuned {tuned} dB, gain {gain} dB");
        Assert.True(gain >= 0.05, $"gain {gain}");
        Assert.Equal(tuned - baseline, gain, 2);
        Assert.True(File.Exists(Path.Combine(Models, "birds.json")));
    }

    [SkippableFact]
    public void NoisyOnlyRunOnSyntheticCopiesExportsAndInstallsANoisyOnlyCard()
    {
        var run = _dir.File("run-n2n");
        var (exit, text, err) = Run("denoise", "--noisy-only", "--synthetic-noise", "25", "--data", Photos(), "--steps", "4", "--batch", "2", "--patch", "32",
            "--run", run, "--name", "n2n", "--install-to", Models);
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("self-supervised loss", text);
        using var model = ModelSession.Open(Path.Combine(Models, "n2n.onnx"), ExecutionDevice.Cpu);
        Assert.Equal("noisy-only", model.Card.Training!.Supervision);
        Assert.Contains(model.Card.Metrics, m => m.Metric == "n2n-loss");
        Assert.Contains(model.Card.Metrics, m => m.Metric == "psnr"); // the originals of the synthetic copies
        Assert.True(TrainOptions.FromStored(model.Card.Training.Recipe!, "card").NoisyOnly.Enabled);
    }

    [SkippableFact]
    public void NoisyOnlyFineTuneOnOneCamerasShotsIsExportedOnlyWhenPsnrShowsItBeatsTheBase()
    {
        // A photographer's folder in miniature: one simulated camera's noisy JPEGs (correlated noise), no clean copies.
        var clean = Directory.CreateDirectory(_dir.File("clean")).FullName;
        foreach (var photo in Directory.GetFiles(Photos()))
        {
            ImageFile.Save(Path.Combine(clean, Path.GetFileNameWithoutExtension(photo) + ".png"), ImageFile.Load(photo), 95);
        }

        var shots = _dir.File("shots");
        var degrade = Run("degrade", "--set", clean, "--noise", "camera", "--shot", "0.004", "--read", "2e-4", "--chroma-blur", "1", "--sharpen", "0.5",
            "--quality", "90", "--noisy-only", "--seed", "2", "-o", shots);
        Assert.True(degrade.Exit == 0, degrade.Err);
        var pd = _dir.File("pd.json");
        File.WriteAllText(pd, "{ \"noisyOnly\": { \"n2nStride\": 2 } }");
        string[] common = ["denoise", "--noisy-only", "--options", pd, "--data", shots, "--from", FreshBase(), "--batch", "2", "--patch", "64", "--name", "my-camera", "--install-to", Models];

        // Hardly trained: the self-supervised loss is not minGain dB lower.
        var same = Run([.. common, "--steps", "1", "--lr", "1e-6", "--run", _dir.File("run-same")]);
        output.WriteLine(same.Out);
        Assert.True(same.Exit == 0, same.Err);
        Assert.Contains("noise: spatially correlated", same.Out);
        Assert.Contains("not better than the base. Nothing exported; keep using fresh-base", same.Out);

        // Trained: its loss is far lower, but on correlated noise that proves nothing, and the run says so.
        var unverified = Run([.. common, "--steps", "25", "--lr", "2e-3", "--run", _dir.File("run-unverified")]);
        output.WriteLine(unverified.Out);
        Assert.True(unverified.Exit == 0, unverified.Err);
        Assert.Contains("cannot tell whether this beats fresh-base. Nothing exported; keep using fresh-base", unverified.Out);
        Assert.Contains("nothing installed", unverified.Out);
        Assert.False(File.Exists(_dir.File("run-unverified/my-camera.onnx")));
        Assert.False(Directory.Exists(Models) && Directory.EnumerateFiles(Models).Any());

        // The same run with a few clean shots to score by: judged by PSNR, exported and installed.
        var scored = Run([.. common, "--steps", "25", "--lr", "2e-3", "--clean-reference", clean, "--run", _dir.File("run-scored")]);
        output.WriteLine(scored.Out);
        Assert.True(scored.Exit == 0, scored.Err);
        Assert.Contains("dB): exporting the fine-tuned model", scored.Out);
        using var model = ModelSession.Open(Path.Combine(Models, "my-camera.onnx"), ExecutionDevice.Cpu);
        Assert.Equal("noisy-only", model.Card.Training!.Supervision);
        Assert.Equal("fresh-base", model.Card.Training.BaseModel);
        Assert.Contains("\"n2nStride\": 2", model.Card.Training.Recipe);
    }

    [SkippableFact]
    public void FromAnSrModelIntoADenoiseRunIsRefused()
    {
        TorchRuntime.Initialize();
        using var sr = TrainableNet.Create(ModelTask.SuperResolution, "tiny", 2, seed: 1);
        var path = _dir.File("sr.onnx");
        OnnxExporter.Export(sr, sr.BaseCard("sr-base", 5, new NoiseSection().MapSpec()), path);
        var (exit, _, err) = Run("denoise", "--data", Photos(), "--from", path, "--run", _dir.File("r"));
        Assert.Equal(1, exit);
        Assert.Contains("cannot start this denoise run", err);
    }

    [Fact]
    public void FineTuneDefaultsFillOnlyWhatWasNotSet()
    {
        var o = FineTune.WithDefaults(new TrainOptions { Optimiser = new() { LearningRate = 1e-3 } }, new HashSet<string> { "optimiser.learningRate" });
        Assert.Equal(1e-3, o.Optimiser.LearningRate);
        Assert.Equal(1500, o.Schedule.Steps);
        Assert.Equal(4, o.Schedule.EarlyStopPatience);
        Assert.Equal(0.2, o.Data.ValidationFraction);
    }

    [Fact]
    public void DenoiseFineTuneKeepsTheShippedModelsNoiseRecipeUnlessSet()
    {
        // The shipped denoiser's own card: its recipe trained with camera-pipeline noise and 8-bit clipped inputs.
        var shipped = Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx");
        var recipe = FineTune.BaseRecipe(shipped);
        Assert.NotNull(recipe);
        Assert.Equal("camera", recipe.Degradation.Noise.RealModel);
        Assert.True(recipe.Degradation.ClipFraction > 0 && recipe.Degradation.Noise.RealFraction > 0);

        var o = FineTune.InheritNoise(new TrainOptions { Task = "denoise", Degradation = new() { ClipFraction = 0.9 } }, recipe, new HashSet<string> { "degradation.clipFraction" });
        Assert.Equal(recipe.Degradation.Noise.RealFraction, o.Degradation.Noise.RealFraction);
        Assert.Equal("camera", o.Degradation.Noise.RealModel);
        Assert.Equal(0.9, o.Degradation.ClipFraction); // set explicitly: kept
        Assert.Equal(recipe.Degradation.Noise.SigmaMax, o.Degradation.Noise.SigmaMax);

        // Noisy-only and calibrated fine-tunes learn the user's own noise: nothing inherited.
        Assert.Equal(0, FineTune.InheritNoise(new TrainOptions { Task = "denoise", NoisyOnly = new() { Enabled = true } }, recipe, new HashSet<string>()).Degradation.Noise.RealFraction);
        Assert.Equal(0, FineTune.InheritNoise(new TrainOptions { Task = "denoise", Degradation = new() { Noise = new() { Calibrate = true } } }, recipe, new HashSet<string>()).Degradation.ClipFraction);
        Assert.Null(FineTune.BaseRecipe(FreshBase())); // a card without a recipe
    }

    [Fact]
    public void FromAReParameterisedExportFailsWithOneLine()
    {
        // denoise-general (the quality net) ships with its RepConv branches fused: its .onnx cannot be a base.
        var fused = ShippedModelCopy.As(_dir.Path, "denoise-fast", "denoise-general");
        var card = ModelCardFile.Read(fused).Card with { Architecture = TrainableNet.ArchitectureOf(ModelTask.Denoise, NetPreset.Denoise["quality"]) };
        AePaint.OnnxFormat.OnnxModelFile.WriteWithCard(AePaint.OnnxFormat.OnnxModelFile.Read(fused), card, fused);
        var run = _dir.File("run-fused");
        var (exit, _, err) = Run("denoise", "--data", _dir.Path, "--from", fused, "--steps", "1", "--run", run, "--name", "birds");
        Assert.Equal(1, exit);
        Assert.Equal($"aepaint-train: error: {fused}: 'aepaint-unet-quality' was exported with fused re-parameterised convs; fine-tune it from its training checkpoint (.ckpt) instead", err.Trim());
        Assert.False(Directory.Exists(run) && Directory.EnumerateFileSystemEntries(run).Any());
    }

    private string FreshBase() => TrainerRun.FreshBase(_dir);

    private string Photos() => TrainerRun.Photos(_dir);

    private static (int Exit, string Out, string Err) Run(params string[] args) => TrainerRun.Cli(args);

    public void Dispose() => _dir.Dispose();
}
