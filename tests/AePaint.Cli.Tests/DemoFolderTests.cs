using AePaint.Cli.Commands;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>The set-up command can be run again: its default folder is a new one each time, never the earlier results.</summary>
public sealed class DemoFolderTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void AUsedDefaultFolderIsLeftAloneForTheNextFreeName()
    {
        Assert.Equal(_dir.File("aepaint-demo"), DemoCommand.UnusedDefaultFolder(_dir.Path));
        Directory.CreateDirectory(_dir.File("aepaint-demo"));
        File.WriteAllText(_dir.File("aepaint-demo/denoised.png"), "earlier result");
        Assert.Equal(_dir.File("aepaint-demo-2"), DemoCommand.UnusedDefaultFolder(_dir.Path));
        File.WriteAllText(_dir.File("aepaint-demo-2"), "a file of the user's with that name");
        Assert.Equal(_dir.File("aepaint-demo-3"), DemoCommand.UnusedDefaultFolder(_dir.Path));
    }

    [Fact]
    public void AnExplicitFolderWithFilesIsRefusedUnlessOverwriteIsGiven()
    {
        Directory.CreateDirectory(_dir.File("mine"));
        File.WriteAllText(_dir.File("mine/noisy.png"), "the user's file");
        var (exit, _, err) = CliRunner.Run("demo", "-o", _dir.File("mine"));
        Assert.NotEqual(0, exit);
        Assert.Contains("--overwrite", err);
        Assert.Equal("the user's file", File.ReadAllText(_dir.File("mine/noisy.png")));
    }

    public void Dispose() => _dir.Dispose();
}
