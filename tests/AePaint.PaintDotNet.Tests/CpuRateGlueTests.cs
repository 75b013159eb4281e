using System.Collections.Concurrent;
using AePaint.Effects;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;
using PaintDotNet.IndirectUI;
using PaintDotNet.Rendering;

namespace AePaint.PaintDotNet.Tests;

/// <summary>
/// The Quality hint's CPU measurement runs off the thread that builds the dialog (Paint.NET's UI thread), one model at a
/// time and once per model, leaves nothing behind when it fails, and a render does not share the CPU with it. Slow and
/// failing measurements come from a fake meter; the shipped denoise-fast is measured for real in
/// <see cref="QualityGlueTests"/>.
/// </summary>
[Collection(PluginState.Name)]
public sealed class CpuRateGlueTests : IDisposable
{
    /// <summary>Only breaks a wait that would otherwise hang the test run; no assertion depends on it.</summary>
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    private readonly TempDir _models = new();
    private readonly TempDir _rates = new();
    private readonly ManualResetEventSlim _release = new();

    public CpuRateGlueTests()
    {
        ShippedModelCopy.As(_models.Path, "denoise-fast");
        ShippedModelCopy.As(_models.Path, "denoise-fast", "denoise-general");
        PluginModels.Catalog = () => new ModelCatalog([_models.Path]);
        PluginModels.Reset();
    }

    public void Dispose()
    {
        _release.Set();
        PluginModels.Rates.WaitForMeasurements(CancellationToken.None);
        PluginModels.Catalog = () => ModelCatalog.Default();
        PluginModels.Rates = new CpuRates(CpuRates.DefaultFile);
        PluginModels.Reset();
        _release.Dispose();
        _models.Dispose();
        _rates.Dispose();
    }

    private string RatesFile => _rates.File("cpu-rates.json");

    private static Bgra8Image Layer() => TestImages.Random(400, 300, seed: 2);

    private static string Hint(FakeHost host) =>
        (string)host.Effect.StandInCreateConfigUI(host.Properties).Values[(Choices.QualityProp, ControlInfoPropertyNames.Description)];

    private ModelCard Card(string name) => ModelCardFile.Read(_models.File(name + ".onnx")).Card;

    [Fact]
    public void The_dialog_is_built_while_a_slow_measurement_runs_on_another_thread_and_shows_it_next_time()
    {
        int dialogThread = Environment.CurrentManagedThreadId;
        int firstMeterThread = dialogThread;
        int calls = 0;
        using var entered = new SemaphoreSlim(0);
        PluginModels.Rates = new CpuRates(RatesFile)
        {
            Meter = (_, _, _) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    firstMeterThread = Environment.CurrentManagedThreadId;
                }

                entered.Release();
                _release.Wait(Safety);
                return 1e9;
            },
        };

        // The meter is held until released: were it run by the dialog's thread, the dialog could not have its text yet.
        var first = Hint(new FakeHost(new AiDenoiseEffect(), Layer()));
        Assert.EndsWith("\nExpected time on the CPU: not known yet. This PC's speed is being measured now; the time shows the next time this dialog opens.", first, StringComparison.Ordinal);
        Assert.True(entered.Wait(Safety), "no measurement started");
        Assert.NotEqual(dialogThread, firstMeterThread);
        Assert.True(PluginModels.Rates.IsMeasuring(Card("denoise-fast")));
        Assert.False(File.Exists(RatesFile));

        _release.Set();
        PluginModels.Rates.WaitForMeasurements(CancellationToken.None);
        Assert.Equal(2, calls); // Fast and Best

        // 1e9 MAC/s: the time is the model's MAC/px × 0.12 MP ÷ 1e9.
        string time = QualityHint.Duration(Card("denoise-fast").MacsPerPixel!.Value * 400.0 * 300 / 1e9);
        var next = Hint(new FakeHost(new AiDenoiseEffect(), Layer()));
        Assert.Contains($"(0.12 MP): Fast {time}, Best {time}; extra passes multiply it. A graphics card is usually faster.", next, StringComparison.Ordinal);
        Assert.DoesNotContain("being measured", next, StringComparison.Ordinal);
        Assert.True(File.Exists(RatesFile));
    }

    [Fact]
    public void Dialogs_opened_while_measuring_start_no_second_measurement_and_models_are_measured_one_at_a_time()
    {
        int entries = 0;
        bool overlapped = true;
        var calls = new ConcurrentDictionary<string, int>();
        using var entered = new SemaphoreSlim(0);
        using var second = new ManualResetEventSlim();
        PluginModels.Rates = new CpuRates(RatesFile)
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
                _release.Wait(Safety); // held while the test opens more dialogs

                // A second measurement beside this one enters within 3 s (the pool adds a thread well before); one that
                // waits for this one cannot, so this waits the 3 s out.
                overlapped = second.Wait(TimeSpan.FromSeconds(3));
                return 1e9;
            },
        };

        Hint(new FakeHost(new AiDenoiseEffect(), Layer()));
        Assert.True(entered.Wait(Safety), "no measurement started");

        // Two more dialogs (another selection too) while the first measurement is held.
        var again = Hint(new FakeHost(new AiDenoiseEffect(), Layer()));
        Hint(new FakeHost(new AiDenoiseEffect(), Layer(), new RectInt32(0, 0, 100, 100)));
        Assert.Contains("being measured now", again, StringComparison.Ordinal);
        Assert.True(PluginModels.Rates.IsMeasuring(Card("denoise-fast")));
        Assert.True(PluginModels.Rates.IsMeasuring(Card("denoise-general")));

        _release.Set();
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
        PluginModels.Rates = new CpuRates(RatesFile); // the real meter: a real ONNX Runtime session
        var host = new FakeHost(new AiDenoiseEffect(), Layer()); // lists the models

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
        Assert.False(File.Exists(RatesFile));
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
        PluginModels.Rates = new CpuRates(RatesFile)
        {
            // Holds the measurement until the render reads pixels, or 3 s: a render that waits for it reads none meanwhile.
            Meter = (_, _, _) =>
            {
                readDuringMeasurement = sourceRead.Wait(TimeSpan.FromSeconds(3));
                return 1e9;
            },
        };
        File.Delete(_models.File("denoise-general.onnx")); // one model, one hold
        PluginModels.Reset();

        var host = new FakeHost(new AiDenoiseEffect(), TestImages.Random(64, 48, seed: 4));
        Hint(host); // starts measuring denoise-fast
        host.SetToken(host.Token());
        host.OnSourceLock = _ => sourceRead.Set();
        host.Render();

        Assert.False(readDuringMeasurement, "the render read the layer while the CPU was being measured");
        Assert.NotNull(((AiDenoiseEffect)host.Effect).Run!.Report); // and it did run afterwards
        Assert.NotNull(PluginModels.Rates.MacsPerSecond(Card("denoise-fast")));
    }
}
