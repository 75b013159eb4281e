using AePaint.ImageFiles;
using AePaint.Inference;
using AePaint.TestSupport;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>`aepaint-train` end to end on real photos: a few real steps, export, and the engine runs the result.</summary>
public sealed class TrainerCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    [SkippableTheory]
    [InlineData("denoise", 1)]
    [InlineData("sr", 2)]
    public void ShortRunExportsAModelTheEngineRuns(string task, int scale)
    {
        var photos = PhotoFolder();
        var run = _dir.File("run-" + task);
        var copy = _dir.File($"{task}.onnx");
        var (exit, text, err) = Run(task, "--data", photos, "--steps", "6", "--batch", "2", "--patch", "32", "--preset", "tiny",
            "--scale", scale.ToString(System.Globalization.CultureInfo.InvariantCulture), "--run", run, "--name", $"t-{task}", "-o", copy);
        output.WriteLine(text);
        Assert.True(exit == 0, err);
        Assert.Contains("parity", text);
        Assert.True(File.Exists(Path.Combine(run, $"t-{task}.onnx")));
        var list = File.ReadAllText(Path.Combine(run, "data.txt"));
        Assert.Contains("# excluded (0)", list);
        Assert.Equal(3, list.Split('\n').Count(l => l.EndsWith(".png", StringComparison.Ordinal) || l.EndsWith(".jpg", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.ChangeExtension(copy, ".json")));

        using var model = ModelSession.Open(copy, ExecutionDevice.Cpu);
        Assert.Equal($"t-{task}", model.Card.Name);
        Assert.Equal(6, model.Card.Training!.Steps);
        Assert.Contains(model.Card.Metrics, m => m.Metric == "psnr");
        Assert.InRange(model.Card.TileOverlap, 0, model.Card.ReceptiveField); // measured: at most the field
        if (model.Card.TileOverlap > 0)
        {
            var trial = Assert.Single(OverlapProbe.Measure(model, ImageFile.Load(Directory.GetFiles(photos).Order().First()), 128, [model.Card.TileOverlap], 25f));
            Assert.True(trial.MaxLevels < OverlapProbe.MaxLevels, $"recorded overlap {model.Card.TileOverlap} strays {trial.MaxLevels} levels");
        }
        var photo = ImageFile.Load(Directory.GetFiles(photos).Order().First());
        var (result, _) = TiledRunner.Run(model, photo, new RunSettings { Sigma = 10, TileSize = 96 });
        Assert.Equal(photo.Width * scale, result.Width);
    }

    [SkippableFact]
    public void ListDataPrintsEachPhotoByRoleWithoutTraining()
    {
        var run = _dir.File("never");
        var (exit, text, err) = Run("denoise", "--data", PhotoFolder(), "--exclude", "coffee.png", "--list-data", "--run", run);
        Assert.True(exit == 0, err);
        Assert.Contains("# excluded (1)", text);
        Assert.Contains(Path.Combine("photos", "coffee.png"), text);
        Assert.Matches(@"# train \(\d\)", text);
        Assert.Contains("# validation (", text);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void EmptyDataFolderIsNamed()
    {
        var empty = Directory.CreateDirectory(_dir.File("empty")).FullName;
        var (exit, _, err) = Run("denoise", "--data", empty, "--steps", "2", "--run", _dir.File("r"));
        Assert.Equal(1, exit);
        Assert.Contains("empty", err);
        Assert.StartsWith("aepaint-train: error:", err);
    }

    [SkippableFact]
    public void OutOfRangeFlagIsRefusedBeforeTraining()
    {
        var (exit, _, err) = Run("sr", "--data", PhotoFolder(), "--scale", "5", "--run", _dir.File("r"));
        Assert.Equal(1, exit);
        Assert.Equal("aepaint-train: error: options: network.scale: 5 is out of range; allowed 2..4 for sr", err.TrimEnd());
        Assert.False(Directory.Exists(_dir.File("r")));
    }

    [SkippableFact]
    public void ResumeWithoutCheckpointsIsRefused()
    {
        var (exit, _, err) = Run("denoise", "--data", PhotoFolder(), "--resume", "--run", _dir.File("none"));
        Assert.Equal(1, exit);
        Assert.Contains("nothing to resume", err);
    }

    private string PhotoFolder() => TrainerRun.Photos(_dir);

    private static (int Exit, string Out, string Err) Run(params string[] args) => TrainerRun.Cli(args);

    public void Dispose() => _dir.Dispose();
}
