using AePaint.Cli;
using AePaint.ImageFiles;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

public sealed class BatchPlannerTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void FormatOptionChangesTheExtension()
    {
        var a = Touch("a.jpeg");
        var plan = BatchPlanner.Plan([a], null, "_x2", ImageFormat.Png);
        Assert.Equal(_dir.File("a_x2.png"), plan.Single().Output);
        Assert.Equal(_dir.File("a_x2.jpeg"), BatchPlanner.Plan([a], null, "_x2", null).Single().Output);
    }

    [Fact]
    public void SeveralFilesGoIntoTheOutputFolder()
    {
        var plan = BatchPlanner.Plan([Touch("a.png"), Touch("b.jpg")], _dir.File("out"), "_d", null);
        Assert.Equal([_dir.File("out/a.png"), _dir.File("out/b.jpg")], plan.Select(p => p.Output));
    }

    [Fact]
    public void TwoInputsWritingOneOutputAreRefused()
    {
        Directory.CreateDirectory(_dir.File("x"));
        var a = Touch("a.png");
        var b = Touch(Path.Combine("x", "a.png"));
        var e = Assert.Throws<CliException>(() => BatchPlanner.Plan([a, b], _dir.File("out"), "_d", null));
        Assert.Contains("several inputs", e.Message);
    }

    [Fact]
    public void UnknownOutputExtensionIsRefused()
    {
        var e = Assert.Throws<CliException>(() => BatchPlanner.Plan([Touch("a.png")], _dir.File("a.tiff"), "_d", null));
        Assert.Contains(".tiff", e.Message);
    }

    [Fact]
    public void NoInputIsRefused()
    {
        Assert.Throws<CliException>(() => BatchPlanner.Plan([], null, "_d", null));
    }

    private string Touch(string name)
    {
        var p = _dir.File(name);
        File.WriteAllBytes(p, [0]);
        return p;
    }

    public void Dispose() => _dir.Dispose();
}
