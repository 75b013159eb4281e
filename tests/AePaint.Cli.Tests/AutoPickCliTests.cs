using System.Text.Json;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Inference;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>`-m auto`, `models embed` and `eval autopick` end to end, with tiny real models built here.</summary>
public sealed class AutoPickCliTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _models;

    public AutoPickCliTests()
    {
        _models = Directory.CreateDirectory(_dir.File("models")).FullName;
        TestEmbedders.MeanColour(_models);
        TestEmbedders.Denoiser(_models, "denoise-fast");
        TestEmbedders.Denoiser(_models, "reds");
        TestEmbedders.Denoiser(_models, "blues");
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Tinted noisy photos: a red-ish or blue-ish domain.</summary>
    private string Photos(string folder, bool red, int count)
    {
        var dir = Directory.CreateDirectory(_dir.File(folder)).FullName;
        for (int i = 0; i < count; i++)
        {
            var img = TestImages.Random(48, 40, seed: (red ? 100 : 200) + i);
            float dim = 0.3f + (0.3f * (i % 3)); // photos of a domain differ in brightness: a domain with a real spread
            for (int p = 0; p < img.Data.Length; p += 4)
            {
                for (int c = 0; c < 3; c++)
                {
                    bool tint = c == (red ? 2 : 0); // BGRA: R is byte 2, B byte 0
                    img.Data[p + c] = tint ? (byte)(180 + (img.Data[p + c] % 60)) : (byte)(img.Data[p + c] * dim);
                }
            }

            ImageFile.Save(Path.Combine(dir, $"{folder}{i}.png"), img, 95);
        }

        return dir;
    }

    [Fact]
    public void Auto_picks_per_image_after_models_embed_and_falls_back_without_an_embedder()
    {
        var reds = Photos("red-train", red: true, 3);
        var blues = Photos("blue-train", red: false, 3);
        var embed = CliRunner.Run("models", "embed", "reds", "--data", reds, "--models-dir", _models);
        Assert.True(embed.Exit == 0, embed.Err);
        Assert.Contains("domain of 3 photos", embed.Out, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("models", "embed", "blues", "--data", blues, "--models-dir", _models).Exit);
        using (var s = ModelSession.Open(Path.Combine(_models, "reds.onnx"), ExecutionDevice.Cpu))
        {
            Assert.Equal("embed-test", s.Card.Domain!.Embedder);
            Assert.Equal(3, s.Card.Domain.Dimensions);
        }

        var inputs = Directory.CreateDirectory(_dir.File("in")).FullName;
        File.Copy(Directory.GetFiles(Photos("red-new", red: true, 1)).Single(), Path.Combine(inputs, "r.png"));
        File.Copy(Directory.GetFiles(Photos("blue-new", red: false, 1)).Single(), Path.Combine(inputs, "b.png"));
        var outDir = _dir.File("out");
        var (exit, output, err) = CliRunner.Run("denoise", inputs, "-o", outDir, "-m", "auto", "--models-dir", _models);
        Assert.True(exit == 0, err);
        Assert.Contains("r.png: auto: reds (nearest training domain", output, StringComparison.Ordinal);
        Assert.Contains("b.png: auto: blues (nearest training domain", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "r.png")) && File.Exists(Path.Combine(outDir, "b.png")));
        Assert.NotEqual(ImageFile.Load(Path.Combine(inputs, "r.png")).Data, ImageFile.Load(Path.Combine(outDir, "r.png")).Data);

        File.Delete(Path.Combine(_models, "embed-test.onnx"));
        File.Delete(Path.Combine(_models, "embed-test.json"));
        var fallback = CliRunner.Run("denoise", Path.Combine(inputs, "r.png"), "-o", _dir.File("r2.png"), "-m", "auto", "--models-dir", _models);
        Assert.True(fallback.Exit == 0, fallback.Err);
        Assert.Contains("auto: denoise-fast (fallback to the general model: no embedder", fallback.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.File("r2.png")));
    }

    [Fact]
    public void Auto_preselects_a_camera_noise_model_from_the_photos_exif()
    {
        TestEmbedders.Denoiser(_models, "my-70d", training: new Inference.Cards.TrainingInfo { Camera = "Canon EOS 70D", IsoMin = 1600, IsoMax = 3200 });
        var inputs = Directory.CreateDirectory(_dir.File("exif-in")).FullName;
        var img = TestImages.Random(40, 32);
        ImageFile.Save(Path.Combine(inputs, "night.png"), img, new ImageMetadata(Exif: ExifBlock.Build("Canon", "Canon EOS 70D", 3200)));
        ImageFile.Save(Path.Combine(inputs, "day.png"), img, new ImageMetadata(Exif: ExifBlock.Build("Canon", "Canon EOS 70D", 100)));
        var (exit, output, err) = CliRunner.Run("denoise", inputs, "-o", _dir.File("exif-out"), "-m", "auto", "--models-dir", _models);
        Assert.True(exit == 0, err);
        Assert.Contains("night.png: auto: my-70d (trained on this camera's noise: Canon EOS 70D, ISO 1600–3200; this photo ISO 3200)", output, StringComparison.Ordinal);
        Assert.Contains("day.png: auto: denoise-fast (fallback", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Upscale_auto_needs_a_model_of_that_scale()
    {
        var photo = Path.Combine(Photos("one", red: true, 1), "one0.png");
        var (exit, _, err) = CliRunner.Run("upscale", photo, "-s", "2", "-m", "auto", "--models-dir", _models);
        Assert.Equal(1, exit);
        Assert.Contains("no ×2 super-resolution model is installed", err, StringComparison.Ordinal);

        TestModels.PixelShuffle(_models, 2);
        var ok = CliRunner.Run("upscale", photo, "-s", "2", "-m", "auto", "--models-dir", _models, "-o", _dir.File("big.png"));
        Assert.True(ok.Exit == 0, ok.Err);
        Assert.Contains("auto: shuffle2 (fallback to the general model", ok.Out, StringComparison.Ordinal);
        Assert.Equal(96, ImageFile.Load(_dir.File("big.png")).Width);
    }

    [Fact]
    public void Eval_autopick_reports_the_hit_rate_in_markdown_and_json()
    {
        Assert.Equal(0, CliRunner.Run("models", "embed", "reds", "--data", Photos("rt", red: true, 2), "--models-dir", _models).Exit);
        Assert.Equal(0, CliRunner.Run("models", "embed", "blues", "--data", Photos("bt", red: false, 2), "--models-dir", _models).Exit);
        var set = Directory.CreateDirectory(_dir.File("set")).FullName;
        Directory.Move(Photos("red", red: true, 2), Path.Combine(set, "red"));
        Directory.Move(Photos("blue", red: false, 2), Path.Combine(set, "blue"));
        var report = _dir.File("autopick");
        var (exit, output, err) = CliRunner.Run("eval", "autopick", "--set", set, "-m", "reds", "-m", "blues", "-m", "denoise-fast", "--models-dir", _models, "-o", report);
        Assert.True(exit == 0, err);
        Assert.Contains("# Auto-pick hit rate", output, StringComparison.Ordinal);
        Assert.Contains("| red | 2 |", output, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(File.ReadAllText(report + ".json"));
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("images").GetInt32());
        var rows = root.GetProperty("perImage").EnumerateArray().ToArray();
        Assert.Equal(4, rows.Length);
        Assert.All(rows.Where(r => r.GetProperty("domain").GetString() == "red"), r => Assert.Equal("reds", r.GetProperty("auto").GetString()));
        Assert.All(rows.Where(r => r.GetProperty("domain").GetString() == "blue"), r => Assert.Equal("blues", r.GetProperty("auto").GetString()));
        double hits = rows.Count(r => r.GetProperty("auto").GetString() == r.GetProperty("best").GetString());
        Assert.Equal(hits / 4, root.GetProperty("hitRate").GetDouble(), 9);
        Assert.True(File.Exists(report + ".md"));
    }
}
