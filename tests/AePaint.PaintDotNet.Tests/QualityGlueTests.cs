using AePaint.Effects;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace AePaint.PaintDotNet.Tests;

/// <summary>
/// AI Denoise's Quality (Fast / Best) through Paint.NET's call order: the Standard entry runs denoise-fast or
/// denoise-general (a copy of the shipped small net carded as it), and the hint states the CPU time for the selection.
/// </summary>
[Collection(PluginState.Name)]
public sealed class QualityGlueTests : IDisposable
{
    private readonly TempDir _models = new();
    private readonly TempDir _rates = new();

    public QualityGlueTests()
    {
        ShippedModelCopy.As(_models.Path, "denoise-fast");
        PluginModels.Catalog = () => new ModelCatalog([_models.Path]);
        PluginModels.Rates = new CpuRates(_rates.File("cpu-rates.json"));
        PluginModels.Reset();
    }

    public void Dispose()
    {
        PluginModels.Rates.WaitForMeasurements(CancellationToken.None);
        PluginModels.Catalog = () => ModelCatalog.Default();
        PluginModels.Rates = new CpuRates(CpuRates.DefaultFile);
        PluginModels.Reset();
        _models.Dispose();
        _rates.Dispose();
    }

    private static Bgra8Image Photo() => TestImages.Random(48, 40, seed: 5);

    private static string ModelRun(FakeHost host, object quality)
    {
        host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(Choices.QualityProp).Value = quality));
        host.Render();
        var run = ((AiDenoiseEffect)host.Effect).Run!;
        Assert.NotNull(run.Report); // the model really ran
        return Path.GetFileName(((DenoiseSettings)run.Settings!).ModelPath!);
    }

    [Fact]
    public void Fast_is_the_default_and_Best_runs_denoise_general()
    {
        ShippedModelCopy.As(_models.Path, "denoise-fast", "denoise-general");
        var host = new FakeHost(new AiDenoiseEffect(), Photo());
        Assert.Equal([ModelChoice.StandardLabel, AutoModel.Label(ModelTask.Denoise, 1)], ((StaticListChoiceProperty)host.Properties.First()).ValueChoices);
        Assert.Equal("Fast", host.Properties.OfType<StaticListChoiceProperty>().Single(p => p.Name == Choices.QualityProp).Value);

        host.SetToken(host.Token());
        host.Render();
        Assert.Equal("denoise-fast.onnx", Path.GetFileName(((DenoiseSettings)((AiDenoiseEffect)host.Effect).Run!.Settings!).ModelPath!));
        Assert.Equal("denoise-general.onnx", ModelRun(host, "Best"));
        Assert.Equal("denoise-fast.onnx", ModelRun(host, "Fast"));
    }

    [Fact]
    public void Best_missing_runs_Fast_and_the_hint_says_so()
    {
        var host = new FakeHost(new AiDenoiseEffect(), Photo());
        Assert.Equal("denoise-fast.onnx", ModelRun(host, "Best"));
        var hint = (string)host.Effect.StandInCreateConfigUI(host.Properties).Values[(Choices.QualityProp, ControlInfoPropertyNames.Description)];
        Assert.StartsWith("Fast runs denoise-fast. Best would run denoise-general, which is not installed: Best runs denoise-fast.", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Hint_states_the_cpu_time_for_the_current_selection()
    {
        ShippedModelCopy.As(_models.Path, "denoise-fast", "denoise-general");
        var layer = TestImages.Random(400, 300, seed: 2);

        // The first opening starts measuring (a real run of each model, off the dialog's thread); the next one shows it.
        var first = Hint(new FakeHost(new AiDenoiseEffect(), layer));
        Assert.Matches(@"being measured now|\(0\.12 MP\): Fast (under 1 s|≈ \d+ s), Best (under 1 s|≈ \d+ s);", first);
        PluginModels.Rates.WaitForMeasurements(CancellationToken.None);
        Assert.True(File.Exists(PluginModels.Rates.File));
        Assert.Matches(@"\(0\.12 MP\): Fast (under 1 s|≈ \d+ s), Best (under 1 s|≈ \d+ s);", Hint(new FakeHost(new AiDenoiseEffect(), layer)));

        // With known rates the figure follows the selection: the whole layer 10 s, half of it 5 s.
        var card = ModelCardFile.Read(_models.File("denoise-fast.onnx")).Card;
        PluginModels.Rates.Record(card, card.MacsPerPixel!.Value * 400 * 300 / 10.0);
        PluginModels.Rates.Record(card with { Name = "denoise-general" }, card.MacsPerPixel!.Value * 400 * 300 / 20.0);
        Assert.Contains("(0.12 MP): Fast ≈ 10 s, Best ≈ 20 s;", Hint(new FakeHost(new AiDenoiseEffect(), layer)), StringComparison.Ordinal);
        Assert.Contains("(0.06 MP): Fast ≈ 5 s, Best ≈ 10 s;", Hint(new FakeHost(new AiDenoiseEffect(), layer, new RectInt32(0, 0, 200, 300))), StringComparison.Ordinal);
    }

    private static string Hint(FakeHost host) =>
        (string)host.Effect.StandInCreateConfigUI(host.Properties).Values[(Choices.QualityProp, ControlInfoPropertyNames.Description)];
}
