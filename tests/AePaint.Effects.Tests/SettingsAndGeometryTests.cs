using AePaint.Inference;
using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.Effects.Tests;

public sealed class SettingsAndGeometryTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(-5, null)]
    [InlineData(64, 128)]
    [InlineData(256, 256)]
    [InlineData(5000, 1024)]
    public void Tile_size_auto_or_clamped(int dialog, int? engine)
    {
        Assert.Equal(engine, new DenoiseSettings("m", TileSize: dialog).ToRunSettings().TileSize);
        Assert.Equal(engine, new SuperResolutionSettings("m", TileSize: dialog).ToRunSettings().TileSize);
    }

    [Fact]
    public void Denoise_settings_map_to_engine_options()
    {
        var auto = new DenoiseSettings("m", AutoSigma: true, Sigma: 40, StrengthPercent: 50).ToRunSettings();
        Assert.Null(auto.Sigma);
        Assert.Equal(0.5f, auto.Strength);
        var manual = new DenoiseSettings("m", AutoSigma: false, Sigma: 30, StrengthPercent: 130).ToRunSettings();
        Assert.Equal(30f, manual.Sigma);
        Assert.Equal(1f, manual.Strength);
        Assert.Equal(0f, new DenoiseSettings("m", StrengthPercent: -3).ToRunSettings().Strength);
        Assert.Equal(200f, new DenoiseSettings("m", AutoSigma: false, Sigma: 200).ToRunSettings().Sigma); // not clamped: the slider offers the card's range, the engine refuses the rest
        Assert.Equal(1f, new SuperResolutionSettings("m").ToRunSettings().Strength);
        Assert.Equal(1, auto.Passes);
        Assert.Equal(8, new DenoiseSettings("m", Passes: 8).ToRunSettings().Passes);
        Assert.Equal(4, new SuperResolutionSettings("m", Passes: 5).ToRunSettings().Passes); // clamped down to what the engine takes
        Assert.Equal(1, new SuperResolutionSettings("m", Passes: 0).ToRunSettings().Passes);
    }

    [Fact]
    public void Model_choices_come_from_cards_default_first()
    {
        ModelCard Sr(string n, int s) => new() { Name = n, Task = ModelTask.SuperResolution, Scale = s };
        var entries = new[]
        {
            new CatalogEntry("/m/a.onnx", TestModels.DenoiseCard("zeta"), null),
            new CatalogEntry("/m/b.onnx", TestModels.DenoiseCard("denoise-fast"), null),
            new CatalogEntry("/m/c.onnx", null, "broken"),
            new CatalogEntry("/m/d.onnx", Sr("sr-x4-fast", 4), null),
            new CatalogEntry("/m/e.onnx", Sr("sr-x2-fast", 2), null),
            new CatalogEntry("/m/f.onnx", Sr("my-x3", 3), null),
            new CatalogEntry("/m/g.onnx", TestModels.DenoiseCard("bad") with { Scale = 2 }, null),
        };
        Assert.Equal(["denoise-fast", "zeta"], ModelChoices.For(ModelTask.Denoise, entries).Select(c => c.Card.Name));
        var sr = ModelChoices.For(ModelTask.SuperResolution, entries);
        Assert.Equal(["Standard ×2 (Quality: Fast or Best)", "my-x3 (×3)", "sr-x4-fast (×4)"], sr.Select(c => c.Label));
        Assert.Contains("No super-resolution model", ModelChoices.NoneInstalled(ModelTask.SuperResolution, ["/x"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Context_grows_by_margin_and_clips_to_layer()
    {
        Assert.Equal(new Rect(34, 44, 52, 62), Geometry.Context(new Rect(50, 60, 20, 30), 200, 200, 16));
        Assert.Equal(new Rect(0, 0, 26, 200), Geometry.Context(new Rect(5, 0, 5, 200), 200, 200, 16));
        Assert.Equal(new Rect(180, 180, 20, 20), Geometry.Context(new Rect(195, 195, 5, 5), 200, 200, 15));
        Assert.Equal(new Rect(0, 0, 200, 100), Geometry.Context(new Rect(0, 0, 200, 100), 200, 100, 32));
        Assert.Equal(16, Geometry.Margin(TestModels.DenoiseCard("a", receptiveField: 3)));
        Assert.Equal(40, Geometry.Margin(TestModels.DenoiseCard("a", receptiveField: 40)));
    }

    [Fact]
    public void Upscale_geometry()
    {
        var sel = new Rect(10, 20, 30, 40);
        Assert.Equal(new Rect(10, 20, 90, 120), Geometry.UpscaledPlacement(sel, 3));
        Assert.Equal((100, 140), Geometry.CanvasNeeded(sel, 3, 50, 60));
        Assert.Equal((500, 500), Geometry.CanvasNeeded(sel, 3, 500, 500));
        Assert.Equal(new Rect(16, 24, 60, 80), Geometry.SelectionInOutput(sel, new Rect(2, 8, 50, 70), 2));
    }

    [Fact]
    public void Rect_operations()
    {
        var a = new Rect(0, 0, 10, 10);
        Assert.True(a.Intersect(new Rect(10, 0, 5, 5)).IsEmpty);
        Assert.Equal(new Rect(5, 5, 5, 5), a.Intersect(new Rect(5, 5, 10, 10)));
        Assert.True(a.Contains(new Rect(2, 2, 8, 8)));
        Assert.False(a.Contains(10, 0));
    }
}

public sealed class DialogTextTests
{
    [Fact]
    public void Output_hint_names_the_canvas_to_set_for_every_installed_scale()
    {
        var text = DialogText.SuperResolutionOutputs(new Rect(10, 20, 30, 40), [4, 2, 2], 50, 60);
        Assert.Contains("enlarge the canvas first (Image › Canvas Size, anchored top-left) to 70×100 for ×2, 130×180 for ×4", text, StringComparison.Ordinal);
        Assert.Contains("×2 → 60×80, ×4 → 120×160", text, StringComparison.Ordinal);
        Assert.Contains("Edit › Paste into New Image", text, StringComparison.Ordinal);
        Assert.StartsWith("Into the canvas: the result (×2 → 60×80) fits", DialogText.SuperResolutionOutputs(new Rect(0, 0, 30, 40), [], 100, 100), StringComparison.Ordinal);
        Assert.Contains("/some/folder", DialogText.SavePng("/some/folder"), StringComparison.Ordinal);
    }
}
