using AePaint.ImageFiles;
using AePaint.TestSupport;
using AePaint.Trainer.Data;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Data;

/// <summary>Bad inputs give errors or warnings that name the folder or the file.</summary>
public sealed class PhotoDatasetErrorTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<string> _log = [];

    public void Dispose() => _dir.Dispose();

    private PhotoDatasetOptions Options(int patch = 64) => new() { PatchSize = patch, Log = line => { _log.Add(line); output.WriteLine(line); } };

    [Fact]
    public void MissingFolderIsNamed()
    {
        var missing = _dir.File("no-such-folder");
        var e = Assert.Throws<DirectoryNotFoundException>(() => new PhotoDataset(missing, Options()));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderWithoutPhotosIsNamed()
    {
        File.WriteAllText(_dir.File("notes.txt"), "not a photo");
        Directory.CreateDirectory(_dir.File("empty-sub"));
        var e = Assert.Throws<InvalidDataException>(() => new PhotoDataset(_dir.Path, Options()));
        output.WriteLine(e.Message);
        Assert.Contains(_dir.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("No photos", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void UnreadablePhotosAreReportedAndSkipped()
    {
        var good = PhotoFolders.Fill(_dir.Path, 3);
        var garbage = _dir.File("garbage.jpg");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 37))]);
        var truncated = _dir.File("truncated.png");
        var png = File.ReadAllBytes(PhotoFolders.Source("163085"));
        File.WriteAllBytes(truncated, png[..(png.Length * 2 / 5)]);
        var empty = _dir.File("empty.webp");
        File.WriteAllBytes(empty, []);

        var ds = new PhotoDataset(_dir.Path, Options());
        Assert.Equal(new[] { empty, garbage, truncated }, ds.Skipped.Select(s => s.Path).Order(StringComparer.Ordinal));
        Assert.All(ds.Skipped, s => Assert.StartsWith("unreadable", s.Reason, StringComparison.Ordinal));
        Assert.All(new[] { garbage, truncated, empty }, p => Assert.Contains(_log, l => l.Contains(p, StringComparison.Ordinal) && l.StartsWith("warning", StringComparison.Ordinal)));
        Assert.Equal(good.Order(StringComparer.Ordinal), ds.TrainFiles.Concat(ds.ValidationFiles).Order(StringComparer.Ordinal));
        Assert.Equal(4 * 3 * 64 * 64, ds.SampleBatch(new Random(1), 4, 64).Length);
        Assert.Contains(_log, l => l.Contains("3 unreadable; 2 train / 1 validation", StringComparison.Ordinal));
    }

    [Fact]
    public void AllUnreadableIsAnErrorNamingFolderAndFiles()
    {
        var garbage = _dir.File("garbage.png");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 13))]);
        var e = Assert.Throws<InvalidDataException>(() => new PhotoDataset(_dir.Path, Options()));
        output.WriteLine(e.Message);
        Assert.Contains(_dir.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains(garbage, e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void PhotosSmallerThanThePatchAreListedAndSkipped()
    {
        var good = PhotoFolders.Fill(_dir.Path, 2);
        var tiny = _dir.File("tiny.png");
        ImageFile.Save(tiny, TestImages.Random(60, 300), 95);
        var shrunk = _dir.File("shrinks-too-much.png");
        ImageFile.Save(shrunk, TestImages.Random(200, 120), 95);

        var ds = new PhotoDataset(_dir.Path, Options() with { Downscale = 1.5 }); // 200×120 → 134×80: still fits 64
        Assert.Equal([tiny], ds.Skipped.Select(s => s.Path));
        Assert.Contains(_log, l => l.StartsWith("warning", StringComparison.Ordinal) && l.Contains(tiny, StringComparison.Ordinal) && l.Contains("60×300", StringComparison.Ordinal));
        Assert.Equal(3, ds.TrainFiles.Count + ds.ValidationFiles.Count);

        _log.Clear();
        var strict = new PhotoDataset(_dir.Path, Options() with { Downscale = 2 }); // 200×120 → 100×60: too small now
        Assert.Equal(new[] { shrunk, tiny }, strict.Skipped.Select(s => s.Path).Order(StringComparer.Ordinal));
        Assert.Contains(_log, l => l.Contains(shrunk + " (200×120 → 100×60 after ÷2)", StringComparison.Ordinal));
        Assert.Equal(good.Order(StringComparer.Ordinal), strict.TrainFiles.Concat(strict.ValidationFiles).Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentOutOfRangeException>(() => strict.SamplePatch(new Random(1), 65));
    }

    [Fact]
    public void NothingBigEnoughIsAnErrorNamingTheFolder()
    {
        ImageFile.Save(_dir.File("a.png"), TestImages.Random(50, 50), 95);
        ImageFile.Save(_dir.File("b.jpg"), TestImages.Random(63, 400), 95);
        var e = Assert.Throws<InvalidDataException>(() => new PhotoDataset(_dir.Path, Options()));
        output.WriteLine(e.Message);
        Assert.Contains(_dir.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("at least 64 px", e.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.File("b.jpg"), e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void EverythingExcludedIsAnErrorNamingTheFolder()
    {
        PhotoFolders.Fill(_dir.Path, 2);
        var e = Assert.Throws<InvalidDataException>(() => new PhotoDataset(_dir.Path, Options() with { Exclude = [_dir.Path] }));
        Assert.Contains(_dir.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("excluded", e.Message, StringComparison.Ordinal);
    }
}
