using AePaint.Effects;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Effects.Tests;

/// <summary>A ×4 past .NET's array limit is refused before any pixel is read, naming the largest size; the dialog says so too.</summary>
public sealed class OutputLimitTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A 6000×6000 layer (36 MP) that only answers for its size: reading its pixels would be a failure here.</summary>
    private sealed class HugeLayer : IPixelSource
    {
        public int Width => 6000;

        public int Height => 6000;

        public void Read(Rect rect, Span<byte> dest, int destStride) => Assert.Fail($"pixels read for {rect}: the refusal must come first");
    }

    [Fact]
    public void Times_four_of_36_megapixels_is_refused_before_work_with_the_largest_size()
    {
        var x4 = TestModels.PixelShuffle(_dir.Path, 4);
        using var sessions = new ModelSessionCache();
        var layer = new HugeLayer();
        var run = EffectRun.SuperResolution(new SuperResolutionSettings(x4, SuperResolutionOutput.Clipboard, ExecutionDevice.Cpu), layer, SelectionInfo.WholeLayer(layer.Width, layer.Height), sessions);

        var e = Assert.Throws<EffectException>(() => run.Compute());
        Assert.StartsWith("The area is too large for ×4: the result would be 24000×24000 pixels (576 megapixels)", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 536.9 megapixels (a selection of about 5792×5792 at ×4)", e.Message, StringComparison.Ordinal);
        Assert.Null(run.FullSizeResult);
    }

    [Fact]
    public void Limit_sits_at_dotnets_largest_array()
    {
        Assert.Null(OutputLimit.Problem(new Rect(0, 0, 5792, 5792), 4)); // 536.7 MP of output
        Assert.NotNull(OutputLimit.Problem(new Rect(0, 0, 5793, 5793), 4));
        Assert.Null(OutputLimit.Problem(new Rect(0, 0, 6000, 6000), 2));
        Assert.Equal(Array.MaxLength / 4, OutputLimit.MaxPixels);
    }

    [Fact]
    public void Dialog_shows_each_output_size_and_which_is_too_large()
    {
        var text = DialogText.SuperResolutionOutputs(new Rect(0, 0, 6000, 6000), [2, 4], 6000, 6000);
        Assert.Contains("×2 → 12000×12000,", text, StringComparison.Ordinal);
        Assert.Contains("×4 → 24000×24000 (too large: at most 536 megapixels)", text, StringComparison.Ordinal);
    }
}
