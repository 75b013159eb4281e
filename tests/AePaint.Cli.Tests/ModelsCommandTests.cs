using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

public sealed class ModelsCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void InfoPrintsTheEmbeddedCard()
    {
        var model = TestModels.BoxBlur(_dir.Path, 2);
        var (exit, output, err) = CliRunner.Run("models", "info", model);
        Assert.True(exit == 0, err);
        Assert.Contains("card: embedded", output);
        Assert.Contains("\"name\": \"box2\"", output);
        Assert.Contains("\"receptiveField\": 2", output);
    }

    [Fact]
    public void InfoOnAnUnknownNameListsTheFoldersSearched()
    {
        var (exit, _, err) = CliRunner.Run("models", "info", "no-such-model");
        Assert.Equal(1, exit);
        Assert.Contains("no-such-model", err);
        Assert.Contains("models", err);
    }

    [Fact]
    public void ListShowsTheFolders()
    {
        var (exit, output, err) = CliRunner.Run("models");
        Assert.True(exit == 0, err);
        Assert.Contains("Models folders:", output);
        Assert.Contains("Quality (denoise --quality): fast = denoise-fast (default), best = denoise-general", output);
        Assert.Matches(@"denoise-fast +denoise .*, --quality fast ", output);
    }

    public void Dispose() => _dir.Dispose();
}
