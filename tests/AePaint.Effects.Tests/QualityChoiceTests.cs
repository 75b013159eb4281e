using AePaint.Effects;
using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;
using Xunit.Abstractions;

namespace AePaint.Effects.Tests;

/// <summary>The dialogs' Quality choice: the Fast / Best pair behind the Standard entry, and the CPU time its hint states.</summary>
public sealed class QualityChoiceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    private static readonly ModelCard FastCard = TestModels.DenoiseCard("denoise-fast") with { MacsPerPixel = 10_000 };
    private static readonly ModelCard BestCard = TestModels.DenoiseCard("denoise-general") with { MacsPerPixel = 40_000 };

    private static CatalogEntry Entry(ModelCard card) => new($"/m/{card.Name}.onnx", card, null);

    [Fact]
    public void The_pair_is_one_Standard_entry_and_Quality_picks_its_model()
    {
        var choices = ModelChoices.For(ModelTask.Denoise, [Entry(TestModels.DenoiseCard("zeta")), Entry(BestCard), Entry(FastCard)]);
        Assert.Equal([ModelChoice.StandardLabel, "zeta"], choices.Select(c => c.Label));
        Assert.Equal("/m/denoise-fast.onnx", choices[0].For(ModelQuality.Fast));
        Assert.Equal("/m/denoise-general.onnx", choices[0].For(ModelQuality.Best));
        Assert.Equal("/m/zeta.onnx", choices[1].For(ModelQuality.Best)); // other models run as they are

        // Best not installed: Best runs the Fast model.
        var fastOnly = ModelChoices.For(ModelTask.Denoise, [Entry(FastCard)]);
        Assert.Equal("/m/denoise-fast.onnx", fastOnly.Single().For(ModelQuality.Best));

        // Only the quality net installed: listed under its own name, no pair.
        var bestOnly = ModelChoices.For(ModelTask.Denoise, [Entry(BestCard)]).Single();
        Assert.Equal("denoise-general", bestOnly.Label);
        Assert.False(bestOnly.IsPair);
    }

    [Fact]
    public void The_noise_level_slider_covers_the_Best_model_behind_the_entry()
    {
        var fast = FastCard with { NoiseMap = new NoiseMapSpec { SigmaMin = 0, SigmaMax = 55 } };
        var best = BestCard with { NoiseMap = new NoiseMapSpec { SigmaMin = 0, SigmaMax = 50 } };
        var choices = ModelChoices.For(ModelTask.Denoise, [Entry(fast), Entry(best)]);
        Assert.Single(choices);
        Assert.Equal(50, NoiseLevelSlider.For(choices).Max); // Best refuses 51–55: the slider does not offer them
        Assert.Equal("Noise: auto (≈ 53; denoise-general is told 50, its limit)", NoiseHint.Label(53, choices));
    }

    [Fact]
    public void Hint_time_scales_with_the_selection_and_the_models_arithmetic()
    {
        var rates = new CpuRates(_dir.File("rates.json"));
        rates.Record(FastCard, 1e9);
        rates.Record(BestCard, 1e9);
        var choices = ModelChoices.For(ModelTask.Denoise, [Entry(FastCard), Entry(BestCard)]);

        var small = QualityHint.Text(ModelTask.Denoise, choices, new Rect(0, 0, 1000, 1000), rates);
        Assert.Contains("Best runs denoise-general: cleaner, slower.", small, StringComparison.Ordinal);
        Assert.Contains("(1.0 MP): Fast ≈ 10 s, Best ≈ 40 s;", small, StringComparison.Ordinal);

        var twice = QualityHint.Text(ModelTask.Denoise, choices, new Rect(0, 0, 2000, 1000), rates);
        Assert.Contains("(2.0 MP): Fast ≈ 20 s, Best ≈ 80 s;", twice, StringComparison.Ordinal);

        // A machine measured twice as fast halves it; the rates are read back from the file.
        rates.Record(BestCard, 2e9);
        var reread = new CpuRates(_dir.File("rates.json"));
        Assert.Equal(20, reread.Seconds(BestCard, 1_000_000)!.Value, 6);
        Assert.Equal("≈ 3 min", QualityHint.Duration(200));
        Assert.Equal("under 1 s", QualityHint.Duration(0.4));
    }

    [Fact]
    public void Hint_says_when_Best_is_missing_and_when_nothing_was_measured()
    {
        var rates = new CpuRates(_dir.File("none.json"));
        var text = QualityHint.Text(ModelTask.Denoise, ModelChoices.For(ModelTask.Denoise, [Entry(FastCard)]), new Rect(0, 0, 10, 10), rates);
        Assert.Equal("Fast runs denoise-fast. Best would run denoise-general, which is not installed: Best runs denoise-fast. Other models in the list run as they are."
            + "\nExpected time on the CPU: not measured on this machine yet.", text);
        Assert.False(File.Exists(rates.File));

        var sr = QualityHint.Text(ModelTask.SuperResolution, [], new Rect(0, 0, 10, 10), rates);
        Assert.Equal("Fast and Best pick sr-x2-fast or sr-x2-general for ×2; sr-x2-fast is not installed, so Quality changes nothing: each model runs as it is.", sr);
    }

    [Fact]
    public void Super_resolution_x2_is_a_pair_and_x4_one_model_for_both()
    {
        ModelCard Sr(string name, int scale, double macs) => new() { Name = name, Task = ModelTask.SuperResolution, Scale = scale, MacsPerPixel = macs };
        var fast2 = Sr("sr-x2-fast", 2, 10_000);
        var best2 = Sr("sr-x2-general", 2, 20_000);
        var fast4 = Sr("sr-x4-fast", 4, 10_000);
        var choices = ModelChoices.For(ModelTask.SuperResolution, [Entry(fast4), Entry(best2), Entry(Sr("sr-x4-real", 4, 10_000)), Entry(fast2)]);
        Assert.Equal(["Standard ×2 (Quality: Fast or Best)", "sr-x4-fast (×4)", "sr-x4-real (×4)"], choices.Select(c => c.Label));
        Assert.Equal("/m/sr-x2-fast.onnx", choices[0].For(ModelQuality.Fast));
        Assert.Equal("/m/sr-x2-general.onnx", choices[0].For(ModelQuality.Best));
        Assert.Equal("/m/sr-x4-fast.onnx", choices[1].For(ModelQuality.Best));

        var rates = new CpuRates(_dir.File("sr-rates.json"));
        foreach (var card in new[] { fast2, best2, fast4 })
        {
            rates.Record(card, 1e9);
        }

        Assert.Equal(["sr-x2-fast", "sr-x2-general", "sr-x4-fast"], QualityHint.Models(ModelTask.SuperResolution, choices).Select(m => m.Card.Name));
        Assert.Equal(
            "×2: Fast runs sr-x2-fast. Best runs sr-x2-general: sharper, slower. Other scales have one model so far: Fast and Best run the same one."
            + "\nExpected on the CPU for this selection (1.0 MP): ×2 Fast ≈ 10 s, ×2 Best ≈ 20 s, ×4 ≈ 10 s; extra passes multiply it. A graphics card is usually faster.",
            QualityHint.Text(ModelTask.SuperResolution, choices, new Rect(0, 0, 1000, 1000), rates));

        // Without the quality ×2 installed the entry stays, and the hint says Best runs the fast net.
        var fastOnly = ModelChoices.For(ModelTask.SuperResolution, [Entry(fast2)]);
        Assert.Equal("/m/sr-x2-fast.onnx", fastOnly.Single().For(ModelQuality.Best));
        Assert.StartsWith("×2: Fast runs sr-x2-fast. Best would run sr-x2-general, which is not installed: Best runs sr-x2-fast.", QualityHint.Text(ModelTask.SuperResolution, fastOnly, new Rect(0, 0, 10, 10), rates), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_times_a_real_model_once_and_keeps_it()
    {
        var models = Directory.CreateDirectory(_dir.File("models")).FullName;
        var fast = ShippedModelCopy.As(models, "denoise-fast");
        var card = ModelCardFile.Read(fast).Card;
        var rates = new CpuRates(Path.Combine(_dir.Path, "sub", "rates.json"));
        using var sessions = new ModelSessionCache();

        await rates.Measure([(fast, card)], sessions);
        var measured = rates.MacsPerSecond(card);
        Assert.True(measured > 0, "no rate measured");
        Assert.True(File.Exists(rates.File));

        Assert.True(rates.Measure([(fast, card)], sessions).IsCompleted); // measured already: kept, not measured again
        Assert.Equal(measured, new CpuRates(rates.File).MacsPerSecond(card));

        // Another net under the same name (different MAC/px) is not taken for the measured one.
        Assert.Null(rates.MacsPerSecond(card with { MacsPerPixel = card.MacsPerPixel * 4 }));
        var choices = ModelChoices.For(ModelTask.Denoise, [new CatalogEntry(fast, card, null)]);
        Assert.Matches(@"\(0\.06 MP\): Fast (under 1 s|≈ \d+ s);", QualityHint.Text(ModelTask.Denoise, choices, new Rect(0, 0, 320, 200), rates));
    }

    [Fact]
    public async Task The_shipped_x2_pair_is_measured_and_timed_in_the_hint()
    {
        // The real sr-x2-fast and quality sr-x2-general, measured by the dialog's own path (QualityHint.Models → Measure).
        var models = Directory.CreateDirectory(_dir.File("models")).FullName;
        var entries = new[] { "sr-x2-fast", "sr-x2-general" }.Select(n => ShippedModelCopy.As(models, n)).Select(p => new CatalogEntry(p, ModelCardFile.Read(p).Card, null)).ToArray();
        var choices = ModelChoices.For(ModelTask.SuperResolution, entries);
        var rates = new CpuRates(_dir.File("sr-measured.json"));
        using var sessions = new ModelSessionCache();

        await rates.Measure(QualityHint.Models(ModelTask.SuperResolution, choices), sessions);
        foreach (var e in entries)
        {
            Assert.True(rates.MacsPerSecond(e.Card!) > 0, $"{e.Card!.Name}: no rate measured");
            output.WriteLine($"{e.Card.Name}: {rates.MacsPerSecond(e.Card) / 1e9:F2} GMAC/s on the CPU ({e.Card.MacsPerPixel:N0} MAC/px)");
        }

        Assert.Matches(@"\(3\.0 MP\): ×2 Fast (under 1 s|≈ \d+ s), ×2 Best (under 1 s|≈ \d+ (s|min));", QualityHint.Text(ModelTask.SuperResolution, choices, new Rect(0, 0, 2000, 1500), rates));
    }

    [Fact]
    public async Task Hint_names_a_model_being_measured_and_says_when_its_time_shows()
    {
        using var release = new ManualResetEventSlim();
        using var sessions = new ModelSessionCache();
        var rates = new CpuRates(_dir.File("rates.json")) { Meter = (_, _, _) => release.Wait(TimeSpan.FromSeconds(30)) ? 1e9 : throw new TimeoutException() };
        rates.Record(FastCard, 1e9);
        var choices = ModelChoices.For(ModelTask.Denoise, [Entry(FastCard), Entry(BestCard)]);
        var measuring = rates.Measure(QualityHint.Models(ModelTask.Denoise, choices), sessions); // Fast is known: only Best is measured

        Assert.EndsWith(
            "(1.0 MP): Fast ≈ 10 s, Best being measured; extra passes multiply it. A graphics card is usually faster."
            + " This PC's speed is being measured now; the time shows the next time this dialog opens.",
            QualityHint.Text(ModelTask.Denoise, choices, new Rect(0, 0, 1000, 1000), rates),
            StringComparison.Ordinal);
        release.Set();
        await measuring;
        Assert.EndsWith("(1.0 MP): Fast ≈ 10 s, Best ≈ 40 s; extra passes multiply it. A graphics card is usually faster.", QualityHint.Text(ModelTask.Denoise, choices, new Rect(0, 0, 1000, 1000), rates), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
