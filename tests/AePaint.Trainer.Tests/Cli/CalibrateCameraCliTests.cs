using AePaint.Inference;
using AePaint.TestSupport;
using AePaint.Trainer.Tests.Degradations;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>
/// `--calibrate --clean-photos --from` end to end, tiny: four JPEGs of a simulated camera (no clean copies), the camera
/// fitted from them, a few real steps on clean photos through it. A base that can be beaten gives an exported,
/// installable model whose card says what was fitted and declares the one σ chosen; the shipped model, which a few
/// steps cannot beat, gives "not better" and nothing exported.
/// </summary>
public sealed class CalibrateCameraCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    private string Shots() => _dir.File("shots") is var folder && Directory.Exists(folder)
        ? folder
        : Path.GetDirectoryName(CameraFitTests.Shoot(CameraFitTests.SimulatedCamera, CameraFitTests.TrainingPhotos(0, 4), folder, size: 256)[0])!;

    [SkippableFact]
    public void FitsTheCameraTrainsThroughItAndExportsACardTheEngineReads()
    {
        var models = _dir.File("models");
        var run = _dir.File("run");
        var (exit, text, err) = TrainerRun.Cli("denoise", "--calibrate", "--clean-photos", TrainerRun.Photos(_dir), "--data", Shots(), "--from", FreshBase(),
            "--steps", "25", "--lr", "2e-3", "--batch", "4", "--patch", "32", "--run", run, "--name", "my-camera", "--install-to", models);
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("camera fit: 4 noisy photo(s), JPEG q90 (quantisation tables)", text);
        Assert.Contains("trains and declares σ", text);
        Assert.Contains("exporting the fine-tuned model", text);

        using var model = ModelSession.Open(Path.Combine(models, "my-camera.onnx"), ExecutionDevice.Cpu);
        var card = model.Card;
        Assert.Equal("fitted-camera", card.Training!.Supervision);
        Assert.Contains("\"fittedCamera\"", card.Training.Recipe);
        Assert.Contains("\"jpegQuality\": 90", card.Training.Recipe);
        Assert.Contains("JPEG q90", card.Description);
        Assert.Equal(card.NoiseMap!.SigmaMin, card.NoiseMap.SigmaMax); // one σ: auto is limited to it
        Assert.Contains(card.NoiseMap.SigmaMin, AePaint.Trainer.Training.FineTuneCamera.SigmaGrid);
    }

    [SkippableFact]
    public void NotBetterThanTheShippedModelIsSaidAndNothingIsExported()
    {
        var run = _dir.File("run-shipped");
        var shipped = Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx");
        var (exit, text, err) = TrainerRun.Cli("denoise", "--calibrate", "--clean-photos", TrainerRun.Photos(_dir), "--data", Shots(), "--from", shipped,
            "--steps", "1", "--lr", "1e-6", "--batch", "2", "--patch", "32", "--run", run, "--name", "my-camera");
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("Nothing exported; keep using denoise-fast", text);
        Assert.False(File.Exists(Path.Combine(run, "my-camera.onnx")));
        Assert.Contains("Nothing exported; keep using denoise-fast", File.ReadAllText(Path.Combine(run, "holdout.txt")));
    }

    [SkippableFact]
    public void WithoutABaseTheCameraRouteIsRefused()
    {
        var (exit, _, err) = TrainerRun.Cli("denoise", "--calibrate", "--clean-photos", TrainerRun.Photos(_dir), "--data", _dir.File("none"), "--steps", "1", "--run", _dir.File("r"));
        Assert.NotEqual(0, exit);
        Assert.Contains("needs the model to fine-tune (--from)", err);
    }

    private string FreshBase() => TrainerRun.FreshBase(_dir);

    public void Dispose() => _dir.Dispose();
}
