using System.Text.Json;
using AePaint.Evaluation.AutoChoice;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.TestSupport;

namespace AePaint.Evaluation.Tests;

/// <summary>
/// Auto's hit rate with a mean-colour embedder and two candidates of known quality on smooth tinted photos: a box blur
/// whose domain is red (it always scores best on AWGN) and an identity whose domain is blue (it never does).
/// </summary>
public sealed class AutoPickEvaluationTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _models;
    private readonly string _blur;
    private readonly string _identity;

    public AutoPickEvaluationTests()
    {
        _models = Directory.CreateDirectory(_dir.File("models")).FullName;
        var embedder = TestEmbedders.MeanColour(_models);
        _blur = TestEmbedders.Denoiser(_models, "reds", TestEmbedders.Domain(embedder, [0.8f, 0.25f, 0.25f], 0.2));
        _identity = TestModels.Identity(_models, TestModels.DenoiseCard("blues") with { Domain = TestEmbedders.Domain(embedder, [0.25f, 0.25f, 0.8f], 0.2) });
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A smooth gradient photo, bright in red or in blue.</summary>
    private static Bgra8Image Photo(bool red, int shift)
    {
        var img = new Bgra8Image(48, 40);
        for (int y = 0; y < img.Height; y++)
        {
            var row = img.Row(y);
            for (int x = 0; x < img.Width; x++)
            {
                byte strong = (byte)(180 + ((x + y + shift) % 40)), weak = (byte)(50 + ((x + shift) % 30));
                row[(x * 4) + 0] = red ? weak : strong; // BGRA
                row[(x * 4) + 1] = weak;
                row[(x * 4) + 2] = red ? strong : weak;
                row[(x * 4) + 3] = 255;
            }
        }

        return img;
    }

    private string DomainSet()
    {
        var set = _dir.File("set");
        foreach (var (domain, red) in new[] { ("red", true), ("blue", false) })
        {
            var dir = Directory.CreateDirectory(Path.Combine(set, domain)).FullName;
            for (int i = 0; i < 2; i++)
            {
                ImageFile.Save(Path.Combine(dir, $"{domain}{i}.png"), Photo(red, 7 * i));
            }
        }

        return set;
    }

    [Fact]
    public void AutoPicksByDomainAndTheHitRateCountsWhereThatWasTheBestModel()
    {
        var log = new List<string>();
        var report = AutoPickEvaluation.Run(new AutoPickSettings { SetDir = DomainSet(), Models = [_blur, _identity], ModelsDir = _models, Log = log.Add });
        Assert.Equal(4, report.Images);
        Assert.Equal(4, log.Count); // one progress line per image
        Assert.All(report.PerImage, i => Assert.Equal(i.Domain == "red" ? "reds" : "blues", i.Auto));
        Assert.All(report.PerImage, i => Assert.Equal("reds", i.Best)); // the blur always beats the identity on AWGN
        Assert.Equal(0.5, report.HitRate);
        Assert.All(report.PerImage.Where(i => i.Domain == "blue"), i => Assert.True(i.Regret > 1, $"{i.Image}: regret {i.Regret}"));
        Assert.StartsWith("denoise, AWGN σ 25 ", report.Condition, StringComparison.Ordinal);

        var md = AutoPickEvaluation.ToMarkdown(report);
        Assert.Contains("- **hit rate 50.0 %** (2 of 4 images", md);
        Assert.Contains("| red | 2 | 100 % |", md);
        using var json = JsonDocument.Parse(AutoPickEvaluation.ToJson(report));
        Assert.Equal(0.5, json.RootElement.GetProperty("hitRate").GetDouble());
    }

    [Fact]
    public void FewerThanTwoModelsOrMixedTasksAreRefused()
    {
        var set = DomainSet();
        var one = Assert.Throws<EvaluationException>(() => AutoPickEvaluation.Run(new AutoPickSettings { SetDir = set, Models = [_blur], ModelsDir = _models }));
        Assert.Contains("at least two models", one.Message);
        var shuffle = TestModels.PixelShuffle(_models, 2);
        var mixed = Assert.Throws<EvaluationException>(() => AutoPickEvaluation.Run(new AutoPickSettings { SetDir = set, Models = [_blur, shuffle], ModelsDir = _models }));
        Assert.Contains("must all be denoise models, or all super-resolution models of one scale", mixed.Message);
    }
}
