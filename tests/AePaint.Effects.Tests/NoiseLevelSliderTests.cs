using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.Effects.Tests;

/// <summary>The dialog's noise-level range and automatic-σ text come from the listed models' cards.</summary>
public sealed class NoiseLevelSliderTests
{
    private static ModelChoice Choice(string name, float? sigmaMax, float sigmaMin = 0) => new(
        $"/m/{name}.onnx",
        TestModels.DenoiseCard(name) with { NoiseMap = sigmaMax is { } max ? new NoiseMapSpec { SigmaMin = sigmaMin, SigmaMax = max } : null });

    private static readonly ModelChoice Auto = new(AutoModel.PathFor(ModelTask.Denoise, 1), TestModels.DenoiseCard("denoise-fast") with { NoiseMap = new NoiseMapSpec { SigmaMax = 200 } });

    [Fact]
    public void The_range_is_what_every_listed_model_accepts()
    {
        var one = NoiseLevelSlider.For([Choice("fast", 30), Auto]);
        Assert.Equal((0, 30, 25), (one.Min, one.Max, one.Default));
        Assert.Contains("σ 0–30, the range fast was trained for", one.Description, StringComparison.Ordinal);

        var two = NoiseLevelSlider.For([Choice("fast", 55), Choice("best", 20.5f, 2.5f), Choice("blind", null)]);
        Assert.Equal((3, 20, 20), (two.Min, two.Max, two.Default));
        Assert.Contains("σ 2.5–20.5, the range every installed model was trained for", two.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Disjoint_ranges_take_the_first_models_and_say_which_models_differ()
    {
        var slider = NoiseLevelSlider.For([Choice("general", 20), Choice("wide", 80), Choice("heavy", 75, 40)]);
        Assert.Equal((0, 20, 20), (slider.Min, slider.Max, slider.Default));
        Assert.EndsWith("Not every model accepts all of it: heavy (σ 40–75).", slider.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_noise_level_model_the_control_says_it_does_nothing()
    {
        var slider = NoiseLevelSlider.For([Choice("blind", null)]);
        Assert.Equal((0, 255, 25), (slider.Min, slider.Max, slider.Default));
        Assert.Contains("no effect", slider.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_automatic_text_shows_an_estimate_beyond_the_models_limit()
    {
        Assert.Equal("Noise: auto", NoiseHint.Label((NoiseReading?)null, [Choice("a", 55)]));
        Assert.Equal("Noise: auto (≈ 12)", NoiseHint.Label(12.3f, [Choice("a", 55), Choice("blind", null)]));
        Assert.Equal("Noise: auto (≈ 60 → 55, the model's limit)", NoiseHint.Label(60.2f, [Choice("a", 55), Auto]));
        Assert.Equal("Noise: auto (≈ 60 → 55, the models' limit)", NoiseHint.Label(60.2f, [Choice("a", 55), Choice("b", 55)]));
        Assert.Equal("Noise: auto (≈ 60; b is told 30, its limit)", NoiseHint.Label(60.2f, [Choice("a", 75), Choice("b", 30)]));
        Assert.Equal("Noise: auto (≈ 55)", NoiseHint.Label(55.3f, [Choice("a", 55)])); // rounds to the limit: nothing to tell
    }
}
