using System.Diagnostics;
using AePaint.ImageFiles;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>Issue 16, as a user would do it: existing outputs, links, loops, odd files, kills, gray photos.</summary>
public sealed class UserFilesTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _box;
    private readonly string _shuffle2;
    private readonly string _photo;
    private readonly string _other;

    public UserFilesTests()
    {
        _box = TestModels.BoxBlur(_dir.Path, 1);
        _shuffle2 = TestModels.PixelShuffle(_dir.Path, 2);
        var cbsd = Directory.GetFiles(TestPaths.EvalSet("CBSD68"), "*.png").Order(StringComparer.Ordinal).ToArray();
        _photo = _dir.File("a.png");
        _other = cbsd[1];
        File.Copy(cbsd[0], _photo);
    }

    [SkippableTheory]
    [InlineData("denoise")]
    [InlineData("upscale")]
    public void AnUnrelatedExistingOutputIsRefusedUntouchedUnlessOverwrite(string command)
    {
        var keep = _dir.File("keep.png");
        File.Copy(_other, keep);
        var before = File.ReadAllBytes(keep);

        var refused = Restore(command, _photo, "-o", keep);

        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("aepaint: error: " + keep + ": already exists; pass --overwrite", refused.Err, StringComparison.Ordinal);
        Assert.Single(refused.Err.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllBytes(keep));

        var replaced = Restore(command, _photo, "-o", keep, "--overwrite");

        Assert.True(replaced.Exit == 0, replaced.Err);
        Assert.NotEqual(before, File.ReadAllBytes(keep));
    }

    [SkippableFact]
    public void TheDefaultOutputBesideTheInputIsNotReplacedEither()
    {
        var beside = _dir.File("a_denoised.png");
        File.Copy(_other, beside);

        var (exit, _, err) = Restore("denoise", _photo);

        Assert.Equal(1, exit);
        Assert.Contains("a_denoised.png: already exists", err, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(_other), File.ReadAllBytes(beside));
    }

    [SkippableFact]
    public void FolderModeWithFilesAlreadyInTheOutputWritesNothing()
    {
        var input = Shots("shots", 3);
        var output = Directory.CreateDirectory(_dir.File("clean")).FullName;
        File.Copy(_other, Path.Combine(output, "p1.png"));

        var (exit, _, err) = Restore("denoise", "-i", input, "-o", output);

        Assert.Equal(1, exit);
        Assert.Contains("p1.png: already exists", err, StringComparison.Ordinal);
        Assert.Equal(["p1.png"], Directory.GetFiles(output).Select(Path.GetFileName));
        Assert.Equal(File.ReadAllBytes(_other), File.ReadAllBytes(Path.Combine(output, "p1.png")));

        var resumed = Restore("denoise", "-i", input, "-o", output, "--resume");
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains("2 written, 1 skipped", resumed.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(_other), File.ReadAllBytes(Path.Combine(output, "p1.png")));
    }

    [SkippableFact]
    public void AnOutputFolderThatLinksToTheInputFolderIsRefused()
    {
        var input = Shots("in", 2);
        var link = _dir.File("link");
        Directory.CreateSymbolicLink(link, input);
        var before = Directory.GetFiles(input).Select(File.ReadAllBytes).ToArray();

        var (exit, _, err) = Restore("denoise", "-i", input, "-o", link);

        Assert.Equal(1, exit);
        Assert.Contains("aepaint: error: " + link, err, StringComparison.Ordinal);
        Assert.Contains("is the input folder", err, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(input).Select(File.ReadAllBytes).ToArray());
    }

    [SkippableFact]
    public void AnOutputFileThatLinksToTheInputIsRefusedEvenWithOverwrite()
    {
        var link = _dir.File("out.png");
        File.CreateSymbolicLink(link, _photo);
        var before = File.ReadAllBytes(_photo);

        var (exit, _, err) = Restore("denoise", _photo, "-o", link, "--overwrite");

        Assert.Equal(1, exit);
        Assert.Contains("would overwrite an input", err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_photo));
    }

    [SkippableFact]
    public void CompareNeverReplacesAnExistingPictureUnlessOverwriteAndNeverItsInput()
    {
        var keep = _dir.File("keep.png");
        File.Copy(_other, keep);
        string[] args = ["compare", _photo, "--no-reference", "-m", _box, "--peers", "none", "--crop", "0,0,40,40", "--zoom", "1"];

        var refused = CliRunner.Run([.. args, "-o", keep]);
        var input = CliRunner.Run([.. args, "-o", _photo, "--overwrite"]);
        var replaced = CliRunner.Run([.. args, "-o", keep, "--overwrite"]);

        Assert.Equal(1, refused.Exit);
        Assert.Contains(keep + ": already exists; pass --overwrite", refused.Err, StringComparison.Ordinal);
        Assert.Equal(1, input.Exit);
        Assert.Equal(File.ReadAllBytes(Directory.GetFiles(TestPaths.EvalSet("CBSD68"), "*.png").Order(StringComparer.Ordinal).First()), File.ReadAllBytes(_photo));
        Assert.Contains("would overwrite an input", input.Err, StringComparison.Ordinal);
        Assert.True(replaced.Exit == 0, replaced.Err);
        Assert.NotEqual(File.ReadAllBytes(_other), File.ReadAllBytes(keep));
    }

    [SkippableTheory]
    [InlineData("denoise", "d")]
    [InlineData("denoise", "./d")]
    [InlineData("upscale", "d/")]
    [InlineData("denoise", "d/sub")]
    public void TheInputFolderOrOneInsideItAsOutputIsAnError(string command, string output)
    {
        var input = Shots("d", 2);
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        var outPath = Path.Combine(_dir.Path, output);

        var (exit, _, err) = Restore(command, "-i", input, "-o", outPath);

        Assert.Equal(1, exit);
        Assert.StartsWith("aepaint: error: ", err, StringComparison.Ordinal);
        Assert.Contains("input folder", err, StringComparison.Ordinal);
        Assert.Equal(["p0.png", "p1.png"], Directory.GetFiles(input).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public void LinkLoopsInAnInputFolderProcessEachRealFileOnce()
    {
        var input = Shots("loops", 2);
        Directory.CreateSymbolicLink(Path.Combine(input, "loop"), ".");
        Directory.CreateSymbolicLink(Path.Combine(input, "again"), input);
        var output = _dir.File("out");

        var (exit, stdout, err) = Restore("denoise", "-i", input, "-o", output);

        Assert.True(exit == 0, err);
        Assert.Contains("2 written", stdout, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(output, "*", SearchOption.AllDirectories).Length);
    }

    [SkippableFact]
    public void ALinkToDevZeroAsInputIsRefusedAndAFolderScanSkipsIt()
    {
        var zero = _dir.File("x.png");
        File.CreateSymbolicLink(zero, "/dev/zero");

        var (exit, _, err) = Restore("denoise", zero, "-o", _dir.File("y.png"));

        Assert.Equal(1, exit);
        Assert.Equal($"aepaint: error: {zero}: is not a regular file (a device, pipe or socket); AePaint reads image files only", err.Trim());

        var input = Shots("with-device", 1);
        File.CreateSymbolicLink(Path.Combine(input, "zero.png"), "/dev/zero");
        var scan = Restore("denoise", "-i", input, "-o", _dir.File("scan-out"));
        Assert.True(scan.Exit == 0, scan.Err);
        Assert.Equal(["p0.png"], Directory.GetFiles(_dir.File("scan-out")).Select(Path.GetFileName));
    }

    [SkippableTheory]
    [InlineData("gray.png")]
    [InlineData("gray.jpg")]
    public void AGrayPhotoComesOutGray(string name)
    {
        var gray = _dir.File(name);
        var set12 = ImageFile.LoadWithMetadata(Path.Combine(TestPaths.EvalSet("Set12"), "01.png"));
        Assert.True(set12.SourceWasGray);
        ImageFile.Save(gray, set12.Pixels, null, new SaveOptions { Grayscale = true });
        var model = Path.Combine(TestPaths.RepoRoot, "models", "denoise-fast.onnx");

        var (exit, _, err) = CliRunner.Run("denoise", gray, "-o", _dir.File("out-" + name), "-m", model, "--sigma", "25");

        Assert.True(exit == 0, err);
        var result = ImageFile.LoadWithMetadata(_dir.File("out-" + name));
        Assert.True(result.SourceWasGray, "written as a gray file");
        var d = result.Pixels.Data;
        Assert.All(Enumerable.Range(0, d.Length / 4), i => Assert.True(d[4 * i] == d[(4 * i) + 1] && d[(4 * i) + 1] == d[(4 * i) + 2]));
    }

    [SkippableFact]
    public void TempFilesOfAWriterKilledMidWriteAreRemovedByTheNextRun()
    {
        var big = _dir.File("big.png");
        var noise = new AePaint.Imaging.Bgra8Image(1400, 1400);
        new Random(16).NextBytes(noise.Data);
        for (var i = 3; i < noise.Data.Length; i += 4)
        {
            noise.Data[i] = 255;
        }

        ImageFile.Save(big, noise);
        string? temp = null;
        for (var attempt = 0; attempt < 4 && temp is null; attempt++)
        {
            var output = Directory.CreateDirectory(_dir.File($"out{attempt}")).FullName;
            temp = KillWhenTempAppears(output, "upscale", big, "-o", output + "/", "-m", _shuffle2, "-s", "2");
            if (temp is null)
            {
                continue;
            }

            Assert.False(File.Exists(Path.Combine(output, "big.png")), "killed before the rename: no result");
            var next = CliRunner.Run("denoise", _photo, "-o", output + "/", "-m", _box);

            Assert.True(next.Exit == 0, next.Err);
            Assert.Contains("a temp file left by an interrupted run", next.Err, StringComparison.Ordinal);
            Assert.Equal(["a.png"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
        }

        Assert.NotNull(temp);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Runs the real `aepaint` and kill -9s it the moment our temp file shows in <paramref name="folder"/>; the temp's path, or null if it finished first.</summary>
    private static string? KillWhenTempAppears(string folder, params string[] args)
    {
        using var watcher = new FileSystemWatcher(folder, ".*.tmp");
        string? seen = null;
        using var process = new Process { StartInfo = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "aepaint"), args) { RedirectStandardOutput = true, RedirectStandardError = true } };
        watcher.Created += (_, e) =>
        {
            seen = e.FullPath;
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        };
        watcher.EnableRaisingEvents = true;
        process.Start();
        process.WaitForExit();
        return seen != null && File.Exists(seen) ? seen : null;
    }

    private (int Exit, string Out, string Err) Restore(string command, params string[] args) =>
        CliRunner.Run([command, .. args, "-m", command == "upscale" ? _shuffle2 : _box]);

    private string Shots(string name, int count)
    {
        var folder = Directory.CreateDirectory(_dir.File(name)).FullName;
        for (var i = 0; i < count; i++)
        {
            File.Copy(_photo, Path.Combine(folder, $"p{i}.png"));
        }

        return folder;
    }
}
