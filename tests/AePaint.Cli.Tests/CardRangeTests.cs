using AePaint.Inference.Cards;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>Issue 16 row 11: out-of-range card fields are one clear error at install and at load, never an overflow or gigabytes.</summary>
public sealed class CardRangeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public static TheoryData<string, int> Fields => new()
    {
        { "tileOverlap", 2000000000 },
        { "tileOverlap", 2000 },
        { "receptiveField", 2000000000 },
        { "receptiveField", 2000 },
    };

    [SkippableTheory]
    [MemberData(nameof(Fields))]
    public void AHugeContextFieldIsRefusedAtInstallAndAtLoad(string field, int value)
    {
        var card = TestModels.DenoiseCard("wide") with
        {
            TileOverlap = field == "tileOverlap" ? value : 0,
            ReceptiveField = field == "receptiveField" ? value : 0,
        };
        var model = TestModels.BoxBlur(Directory.CreateDirectory(_dir.File("src")).FullName, 1, card);
        var photo = Path.Combine(TestPaths.EvalSet("Set12"), "01.png");

        var install = CliRunner.Run("models", "install", model, "--to", _dir.File("models"));
        var load = CliRunner.Run("denoise", photo, "-o", _dir.File("out.png"), "-m", model);

        foreach (var (exit, _, err) in new[] { install, load })
        {
            Assert.Equal(1, exit);
            Assert.Single(err.Trim().Split('\n'));
            Assert.Contains($"within 0..{ModelCard.MaxContext} pixels", err, StringComparison.Ordinal);
            Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), err, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(_dir.File("out.png")));
        Assert.False(Directory.Exists(_dir.File("models")) && Directory.EnumerateFileSystemEntries(_dir.File("models")).Any());
    }

    [Fact]
    public void ACardNameThatIsAPathIsRefused()
    {
        var model = TestModels.BoxBlur(Directory.CreateDirectory(_dir.File("src")).FullName, 1, TestModels.DenoiseCard("../../evil"));

        var (exit, _, err) = CliRunner.Run("models", "install", model, "--to", _dir.File("models"));

        Assert.Equal(1, exit);
        Assert.Contains("name '../../evil' must be a plain name", err, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
