using System.Collections.Concurrent;
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
/// That time's measurement runs off the thread that builds the dialog (Paint.NET's UI thread), one model at a time and
/// once per model, leaves nothing behind when it fails, and a render does not share the CPU with it; slow and failing
/// measurements come from a fake meter, the others run the shipped denoise-fast in ONNX Runtime.
/// </summary>
[Collection(PluginState.Name)]
public sealed class QualityGlueTests : IDisposable
{
    /// <summary>Only breaks a wait that would otherwise hang the test run; no assertion depends on it.</summary>
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

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

    private static Bgra8Image Layer400() => TestImages.Random(400, 300, seed: 2);

    private ModelCard Card(string name) => ModelCardFile.Read(_models.File(name + ".onnx")).Card;

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
    public void Super_resolution_x2_Best_runs_the_quality_net()
    {
        // The shipped pair itself: sr-x2-fast and the quality sr-x2-general, in ONNX Runtime.
        ShippedModelCopy.As(_models.Path, "sr-x2-fast");
        ShippedModelCopy.As(_models.Path, "sr-x2-general");
        var host = new FakeHost(new AiSuperResolutionEffect(), Photo());
        Assert.Equal(["Standard ×2 (Quality: Fast or Best)", AutoModel.Label(ModelTask.SuperResolution, 2)], ((StaticListChoiceProperty)host.Properties.First()).ValueChoices);
        string Run(object quality)
        {
            host.SetToken(host.Token(t => t.Required<StaticListChoiceProperty>(Choices.QualityProp).Value = quality));
            host.Render();
            var run = ((AiSuperResolutionEffect)host.Effect).Run!;
            Assert.NotNull(run.Report);
            return Path.GetFileName(((SuperResolutionSettings)run.Settings!).ModelPath!);
        }

        Assert.Equal("sr-x2-general.onnx", Run("Best"));
        Assert.Equal("sr-x2-fast.onnx", Run("Fast"));
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

    [Fact]
    public void The_dialog_is_built_while_a_slow_measurement_runs_on_another_thread_and_shows_it_next_time()
    {
        ShippedModelCopy.As(_models.Path, "denoise-fast", "denoise-general");
        using var release = new ManualResetEventSlim();
        int dialogThread = Environment.CurrentManagedThreadId;
        int firstMeterThread = dialogThread;
        int calls = 0;
        using var entered = new SemaphoreSlim(0);
        PluginModels.Rates = new CpuRates(_rates.File("cpu-rates.json"))
        {
            Meter = (_, _, _) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    firstMeterThread = Environment.CurrentManagedThreadId;
                }

                entered.Release();
                release.Wait(Safety);
                return 1e9;
            },
        };

        // The meter is held until released: were it run by the dialog's thread, the dialog could not have its text yet.
        var first = Hint(new FakeHost(new AiDenoiseEffect(), Layer400()));
        Assert.EndsWith("\nExpected time on the CPU: not known yet. This PC's speed is being measured now; the time shows the next time this dialog opens.", first, StringComparison.Ordinal);
        Assert.True(entered.Wait(Safety), "no measurement started");
        Assert.NotEqual(dialogThread, firstMeterThread);
        Assert.True(PluginModels.Rates.IsMeasuring(Card("denoise-fast")));
        Assert.False(File.Exists(_rates.File("cpu-rates.json")));

        release.Set();
        PluginModels.Rates.WaitForMeasurements(CancellationToken.None);
        Assert.Equal(2, calls); // Fast and Best

        // 1e9 MAC/s: the time is the model's MAC/px × 0.12 MP ÷ 1e9.
        string time = QualityHint.Duration(Card("denoise-fast").MacsPerPixel!.Value * 400.0 * 300 / 1e9);
        var next = Hint(new FakeHost(new AiDenoiseEffect(), Layer400()));
        Assert.Contains($"(0.12 MP): Fast {time}, Best {time}; extra passes multiply it. A graphics card is usually faster.", next, StringComparison.Ordinal);
        Assert.DoesNotContain("being measured", next, StringComparison.Ordinal);
        Assert.True(File.Exists(_rates.File("cpu-rates.json")));
    }

    [Fact]
    public void Dialogs_opened_while_measuring_start_no_second_measurement_and_models_are_measured_one_at_a_time()
    {
        ShippedModelCopy.As(_models.Path, "denoise-fast", "denoise-general");
        using var release = new ManualResetEventSlim();
        int entries = 0;
        bool overlapped = true;
        var calls = new ConcurrentDictionary<string, int>();
        using var entered = new SemaphoreSlim(0);
        using var second = new ManualResetEventSlim();
        PluginModels.Rates = new CpuRates(_rates.File("cpu-rates.json"))
        {
            Meter = (_, card, _) =>
            {
                calls.AddOrUpdate(card.Name, 1, (_, n) => n + 1);
                if (Interlocked.Increment(ref entries) > 1)
                {
                    second.Set();
                    return 1e9;
                }

                entered.Release();
                release.Wait(Safety); // held while the test opens more dialogs

                // A second measurement beside this one enters within 3 s (the pool adds a thread well before); one that
                // waits for this one cannot, so this waits the 3 s out.
                overlapped = second.Wait(TimeSpan.FromSeconds(3));
                return 1e9;
            },
        };

        Hint(new FakeHost(new AiDenoiseEffect(), Layer400()));
        Assert.True(entered.Wait(Safety), "no measurement started");

        // Two more dialogs (another selection too) while the first measurement is held.
        var again = Hint(new FakeHost(new AiDenoiseEffect(), Layer400()));
        Hint(new FakeHost(new AiDenoiseEffect(), Layer400(), new RectInt32(0, 0, 100, 100)));
        Assert.Contains("being measured now", again, StringComparison.Ordinal);
        Assert.True(PluginModels.Rates.IsMeasuring(Card("denoise-fast")));
        Assert.True(PluginModels.Rates.IsMeasuring(Card("denoise-general")));

        release.Set();
        PluginModels.Rates.WaitForMeasurements(CancellationToken.None);
        Assert.Equal(1, calls["denoise-fast"]);
        Assert.Equal(1, calls["denoise-general"]);
        Assert.False(overlapped, "two measurements ran at once");
        Assert.False(PluginModels.Rates.IsMeasuring(Card("denoise-fast")));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("not a model")]
    public void A_measurement_that_fails_in_onnx_runtime_leaves_no_entry_and_throws_nothing(string damage)
    {
        ShippedModelCopy.As(_models.Path, "denoise-fast", "denoise-general");
        PluginModels.Rates = new CpuRates(_rates.File("cpu-rates.json")); // the real meter: a real ONNX Runtime session
        var host = new FakeHost(new AiDenoiseEffect(), Layer400()); // lists the models

        // The files go bad between listing and measuring.
        foreach (var name in new[] { "denoise-fast", "denoise-general" })
        {
            var path = _models.File(name + ".onnx");
            if (damage == "missing")
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);
            }
        }

        var first = Hint(host);
        PluginModels.Rates.WaitForMeasurements(CancellationToken.None); // a faulted measurement would throw here
        Assert.False(File.Exists(_rates.File("cpu-rates.json")));
        var fast = Assert.Single(PluginModels.Get(ModelTask.Denoise), c => c.IsPair).Card;
        Assert.Null(PluginModels.Rates.MacsPerSecond(fast));
        Assert.False(PluginModels.Rates.IsMeasuring(fast));
        Assert.Contains("Expected time on the CPU:", first, StringComparison.Ordinal);

        // Not tried again by this process: the next dialog says so rather than "being measured".
        Assert.EndsWith("\nExpected time on the CPU: not measured on this machine yet.", Hint(host), StringComparison.Ordinal);
        Assert.False(PluginModels.Rates.IsMeasuring(fast));
    }

    [Fact]
    public void A_render_does_not_share_the_cpu_with_a_running_measurement()
    {
        using var sourceRead = new ManualResetEventSlim();
        bool readDuringMeasurement = true;
        PluginModels.Rates = new CpuRates(_rates.File("cpu-rates.json"))
        {
            // Holds the measurement until the render reads pixels, or 3 s: a render that waits for it reads none meanwhile.
            Meter = (_, _, _) =>
            {
                readDuringMeasurement = sourceRead.Wait(TimeSpan.FromSeconds(3));
                return 1e9;
            },
        };

        var host = new FakeHost(new AiDenoiseEffect(), TestImages.Random(64, 48, seed: 4));
        Hint(host); // starts measuring denoise-fast
        host.SetToken(host.Token());
        host.OnSourceLock = _ => sourceRead.Set();
        host.Render();

        Assert.False(readDuringMeasurement, "the render read the layer while the CPU was being measured");
        Assert.NotNull(((AiDenoiseEffect)host.Effect).Run!.Report); // and it did run afterwards
        Assert.NotNull(PluginModels.Rates.MacsPerSecond(Card("denoise-fast")));
    }

    private static string Hint(FakeHost host) =>
        (string)host.Effect.StandInCreateConfigUI(host.Properties).Values[(Choices.QualityProp, ControlInfoPropertyNames.Description)];
}
