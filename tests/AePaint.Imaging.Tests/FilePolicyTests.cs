using System.Diagnostics;
using AePaint.Imaging.Files;
using AePaint.TestSupport;

namespace AePaint.Imaging.Tests;

/// <summary>The shared file-safety pieces on real files, links and processes.</summary>
public sealed class FilePolicyTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void StaleTempsOfDeadWritersGoWhileALiveWritersAndTheUsersFilesStay()
    {
        using var live = Process.Start("sleep", "60");
        using var dead = Process.Start("sleep", "60");
        dead.Kill();
        dead.WaitForExit();
        var id = Guid.NewGuid().ToString("N");
        string[] names =
        [
            $".a.png.aepaint-{live.Id}-{id}.tmp",
            $".b.png.aepaint-{dead.Id}-{id}.tmp",
            $".c.png.{id}.tmp",          // not our pattern (an older writer's, or anyone's): kept
            ".notes.tmp",
            "photo.png",
        ];
        foreach (var n in names)
        {
            File.WriteAllText(_dir.File(n), n);
        }

        try
        {
            var removed = AtomicFile.CleanStale(_dir.Path);

            Assert.Equal([names[1]], removed);
            Assert.Equal(names.Where(n => n != names[1]).Order(StringComparer.Ordinal), Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            live.Kill();
        }
    }

    [Fact]
    public void WriteWithoutReplaceLeavesAnExistingFileAndNoTemp()
    {
        var path = _dir.File("keep.bin");
        File.WriteAllBytes(path, [1, 2, 3]);

        var e = Assert.Throws<FileSafetyException>(() => AtomicFile.Write(path, [9, 9], replace: false));

        Assert.Equal(path, e.Path);
        Assert.Equal<byte>([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }

    [Theory]
    [InlineData("../x.dll")]
    [InlineData("a/../../x.dll")]
    [InlineData("..\\x.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("\\\\server\\share\\x.dll")]
    [InlineData("C:\\Windows\\x.dll")]
    [InlineData("a//b.dll")]
    [InlineData("./b.dll")]
    [InlineData("")]
    public void PathsThatLeaveTheirFolderAreRefused(string path)
    {
        Assert.NotNull(SafePath.Problem(path));
        Assert.Throws<FileSafetyException>(() => SafePath.Below(_dir.Path, path, "manifest.json"));
    }

    [Fact]
    public void APlainRelativePathStaysBelowAndALinkOnTheWayIsRefused()
    {
        Assert.Equal(Path.Combine(_dir.Path, "models", "a.onnx"), SafePath.Below(_dir.Path, "models/a.onnx", "m"));

        Directory.CreateSymbolicLink(_dir.File("models"), Path.GetTempPath());
        var e = Assert.Throws<FileSafetyException>(() => SafePath.Below(_dir.Path, "models/a.onnx", "m"));

        Assert.Contains("links are not followed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityFollowsLinksAndTellsFoldersFilesAndDevicesApart()
    {
        var folder = Directory.CreateDirectory(_dir.File("in")).FullName;
        File.WriteAllText(Path.Combine(folder, "a.png"), "x");
        Directory.CreateSymbolicLink(_dir.File("alias"), folder);
        using (var ln = Process.Start("ln", [Path.Combine(folder, "a.png"), _dir.File("hard.png")]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        Assert.Equal(FileIdentity.Of(folder), FileIdentity.Of(_dir.File("alias")));
        Assert.Equal(FileIdentity.Of(Path.Combine(folder, "a.png")), FileIdentity.Of(_dir.File("hard.png")));
        Assert.Equal(FileKind.Directory, FileIdentity.Of(folder)!.Value.Kind);
        Assert.Equal(FileKind.Regular, FileIdentity.Of(_dir.File("hard.png"))!.Value.Kind);
        Assert.Equal(FileKind.Other, FileIdentity.Of("/dev/null")!.Value.Kind);
        Assert.Null(FileIdentity.Of(_dir.File("missing")));
        Assert.True(FileIdentity.IsAtOrBelow(_dir.File("alias/new/deeper"), FileIdentity.Of(folder)!.Value));
    }

    public void Dispose() => _dir.Dispose();
}
