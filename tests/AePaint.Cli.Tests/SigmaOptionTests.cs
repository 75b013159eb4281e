using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Noise;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>`--sigma` is the σ told to a model, within its card's range; the demo's added noise is `--add-noise`.</summary>
public sealed class SigmaOptionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _models;
    private readonly string _photo;

    public SigmaOptionTests()
    {
        _models = Directory.CreateDirectory(_dir.File("models")).FullName;
        TestModels.SubtractNoiseMap(_models, sigmaMax: 30, name: "nmap30");
        _photo = _dir.File("noisy.png");
        var clean = PixelConversion.ToPlanar(Bgra8Image.Solid(128, 96, 128, 128, 128));
        ImageFile.Save(_photo, PixelConversion.ToBgra8(GaussianNoise.AddAwgn(clean, 50, seed: 2, clip: true)));
    }

    [Fact]
    public void A_told_sigma_outside_the_card_range_is_one_line_and_writes_nothing()
    {
        foreach (var model in new[] { "nmap30", "auto" })
        {
            var (exit, _, err) = CliRunner.Run("denoise", _photo, "-m", model, "--models-dir", _models, "--sigma", "40", "-o", _dir.File("out.png"));
            Assert.Equal(1, exit);
            Assert.Equal("aepaint: error: --sigma 40: model nmap30 is trained for σ 0–30", err.Trim());
            Assert.False(File.Exists(_dir.File("out.png")));
        }

        var ok = CliRunner.Run("denoise", _photo, "-m", "nmap30", "--models-dir", _models, "--sigma", "30", "-o", _dir.File("out.png"));
        Assert.True(ok.Exit == 0, ok.Err);
        Assert.Contains("σ 30.0,", ok.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_estimate_above_the_range_is_limited_and_verbose_says_so()
    {
        var (exit, output, err) = CliRunner.Run("denoise", _photo, "-m", "nmap30", "--models-dir", _models, "-v", "-o", _dir.File("auto.png"));
        Assert.True(exit == 0, err);
        Assert.Contains("σ 30.0 (auto)", output, StringComparison.Ordinal);
        Assert.Matches(@"  noise: auto σ [4-6]\d\.\d is outside σ 0–30, what nmap30 was trained for: it was told 30\.0", output);
    }

    [Fact]
    public void The_demos_old_sigma_names_add_noise_and_add_noise_is_taken()
    {
        var (exit, _, err) = CliRunner.Run("demo", "--sigma", "25", "-o", _dir.File("demo"));
        Assert.Equal(1, exit);
        Assert.Equal("aepaint: error: --sigma 25 now means the σ told to the model; for noise added to clean images use --add-noise 25", err.Trim());
        Assert.False(Directory.Exists(_dir.File("demo")));

        // --add-noise parses and the demo goes on to its folder check (a folder with a file of the user's is refused).
        Directory.CreateDirectory(_dir.File("mine"));
        File.WriteAllText(_dir.File("mine/keep.txt"), "the user's");
        (exit, _, err) = CliRunner.Run("demo", "--add-noise", "10", "-o", _dir.File("mine"));
        Assert.Equal(1, exit);
        Assert.Contains("--overwrite", err, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
