using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.Effects.Tests;

/// <summary>The dialogs' Auto entries: listed after the models, resolved per run from the selection, told to the user on change.</summary>
public sealed class AutoModelTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ModelSessionCache _sessions = new();
    private readonly string _reds;

    public AutoModelTests()
    {
        var embedder = TestEmbedders.MeanColour(_dir.Path);
        TestEmbedders.Denoiser(_dir.Path, "denoise-fast");
        _reds = TestEmbedders.Denoiser(_dir.Path, "reds", TestEmbedders.Domain(embedder, [0.8f, 0.2f, 0.2f], 0.1));
        TestEmbedders.Denoiser(_dir.Path, "blues", TestEmbedders.Domain(embedder, [0.2f, 0.2f, 0.8f], 0.1));
    }

    public void Dispose()
    {
        _sessions.Dispose();
        _dir.Dispose();
    }

    private IReadOnlyList<CatalogEntry> Installed => new ModelCatalog([_dir.Path]).List();

    [Fact]
    public void Lists_auto_after_the_models_once_per_task_and_scale()
    {
        TestModels.PixelShuffle(_dir.Path, 2);
        TestModels.PixelShuffle(_dir.Path, 3);
        var denoise = AutoModel.WithAuto(ModelTask.Denoise, Installed);
        Assert.Equal([ModelChoice.StandardLabel, "blues", "reds", AutoModel.Label(ModelTask.Denoise, 1)], denoise.Select(c => c.Label));
        Assert.True(denoise[^1].IsAuto);
        var sr = AutoModel.WithAuto(ModelTask.SuperResolution, Installed);
        Assert.Equal([AutoModel.PathFor(ModelTask.SuperResolution, 2), AutoModel.PathFor(ModelTask.SuperResolution, 3)], sr.Where(c => c.IsAuto).Select(c => c.Path));
        Assert.True(AutoModel.TryParse("auto:sr-x3", out var task, out var scale) && task == ModelTask.SuperResolution && scale == 3);
        Assert.False(AutoModel.TryParse(_reds, out _, out _));
        Assert.Empty(AutoModel.WithAuto(ModelTask.Denoise, []));
    }

    [Fact]
    public void Auto_runs_the_model_nearest_the_selection_and_tells_the_user_when_the_choice_changes()
    {
        var img = Bgra8Image.Solid(64, 48, b: 40, g: 40, r: 210);
        var settings = new DenoiseSettings(AutoModel.PathFor(ModelTask.Denoise, 1), Device: ExecutionDevice.Cpu);
        var run = EffectRun.Denoise(settings, new MemorySource(img), new SelectionInfo(new Rect(0, 0, 64, 48), null), _sessions, installed: Installed);
        var result = Pixels.RenderAll(run);
        Assert.Equal("reds", run.AutoChoice!.Card.Name);
        var named = EffectRun.Denoise(settings with { ModelPath = _reds }, new MemorySource(img), new SelectionInfo(new Rect(0, 0, 64, 48), null), _sessions);
        Assert.Equal(Pixels.RenderAll(named).Data, result.Data);
        Assert.Null(named.AutoChoice);

        var feedback = new RunFeedback(_dir.File("png"));
        var host = new RecordingHost();
        feedback.Deliver(run, host);
        Assert.Contains("Auto chose the model \"reds\"", Assert.Single(host.Notices), StringComparison.Ordinal);

        var again = EffectRun.Denoise(settings with { StrengthPercent = 50 }, new MemorySource(img), new SelectionInfo(new Rect(0, 0, 64, 48), null), _sessions, installed: Installed);
        again.Compute();
        feedback.Deliver(again, host);
        Assert.Single(host.Notices); // same choice: not told again

        var blue = EffectRun.Denoise(settings, new MemorySource(Bgra8Image.Solid(64, 48, b: 220, g: 40, r: 30)), new SelectionInfo(new Rect(0, 0, 64, 48), null), _sessions, installed: Installed);
        blue.Compute();
        feedback.Deliver(blue, host);
        Assert.Equal(2, host.Notices.Count);
        Assert.Contains("\"blues\"", host.Notices[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_preselects_the_model_trained_on_the_documents_camera_noise()
    {
        TestEmbedders.Denoiser(_dir.Path, "my-70d", training: new TrainingInfo { Camera = "Canon EOS 70D", IsoMin = 1600, IsoMax = 3200, Supervision = "calibrated-noise" });
        var red = Bgra8Image.Solid(64, 48, b: 40, g: 40, r: 210);
        var settings = new DenoiseSettings(AutoModel.PathFor(ModelTask.Denoise, 1), Device: ExecutionDevice.Cpu);
        var area = new SelectionInfo(new Rect(0, 0, 64, 48), null);
        var shot = new Inference.Embedding.ShotInfo("Canon EOS 70D", 2500);
        var run = EffectRun.Denoise(settings, new MemorySource(red), area, _sessions, installed: Installed, shot: shot);
        run.Compute();
        Assert.Equal("my-70d", run.AutoChoice!.Card.Name);
        Assert.Contains("this camera's noise", run.AutoChoice.Reason, StringComparison.Ordinal);

        // Another camera, or no EXIF: the selection's domain decides as before.
        var other = EffectRun.Denoise(settings, new MemorySource(red), area, _sessions, installed: Installed, shot: shot with { Camera = "NIKON D750" });
        other.Compute();
        Assert.Equal("reds", other.AutoChoice!.Card.Name);
    }

    [Fact]
    public void Auto_without_an_embedder_uses_the_general_model()
    {
        File.Delete(Path.Combine(_dir.Path, "embed-test.onnx"));
        var run = EffectRun.Denoise(new DenoiseSettings(AutoModel.PathFor(ModelTask.Denoise, 1), Device: ExecutionDevice.Cpu), new MemorySource(TestImages.Random(32, 32)), new SelectionInfo(new Rect(0, 0, 32, 32), null), _sessions, installed: Installed);
        run.Compute();
        Assert.True(run.AutoChoice!.Fallback);
        Assert.Equal("denoise-fast", run.AutoChoice.Card.Name);
        Assert.StartsWith("Auto used the general model \"denoise-fast\" (no embedder", AutoModel.Describe(run.AutoChoice).Message, StringComparison.Ordinal);

        var none = EffectRun.Denoise(new DenoiseSettings(AutoModel.PathFor(ModelTask.Denoise, 1)), new MemorySource(TestImages.Random(8, 8)), new SelectionInfo(new Rect(0, 0, 8, 8), null), _sessions);
        Assert.Contains("no denoise model is installed", Assert.Throws<EffectException>(() => none.Compute()).Message, StringComparison.Ordinal);
    }
}
