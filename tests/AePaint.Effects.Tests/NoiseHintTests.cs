using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Effects.Tests;

/// <summary>The dialog's automatic-σ text, read off the selection.</summary>
public sealed class NoiseHintTests
{
    private static PlanarImage Gradient() => TestImages.Ramp(256, 192);

    [Fact]
    public void ACleanSelectionSaysNothingToRemove()
    {
        var source = new MemorySource(PixelConversion.ToBgra8(Gradient()));
        string label = NoiseHint.Label(NoiseHint.Estimate(source, new Rect(0, 0, 256, 192)), []);
        Assert.StartsWith("Noise: auto (≈ 0.", label);
        Assert.EndsWith(", nothing to remove)", label);
    }

    [Fact]
    public void ANoisySelectionShowsItsSigma()
    {
        var source = new MemorySource(PixelConversion.ToBgra8(GaussianNoise.AddAwgn(Gradient(), 12, seed: 3, clip: true)));
        Assert.Matches(@"^Noise: auto \(≈ 1[123]\)$", NoiseHint.Label(NoiseHint.Estimate(source, new Rect(16, 16, 200, 160)), []));
    }

    [Fact]
    public void AnEmptySelectionSaysOnlyAuto()
    {
        var source = new MemorySource(PixelConversion.ToBgra8(Gradient()));
        Assert.Null(NoiseHint.Estimate(source, new Rect(300, 0, 10, 10)));
        Assert.Equal("Noise: auto", NoiseHint.Label((NoiseReading?)null, []));
    }
}
