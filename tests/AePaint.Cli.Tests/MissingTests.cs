using AePaint.Evaluation.Peers;
using AePaint.TestSupport;

namespace AePaint.Cli.Tests;

/// <summary>The skip logic every test shares (TestSupport's <see cref="Missing"/>) names the missing piece and how to get it.</summary>
public sealed class MissingTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void AbsentSharedDataSkipsNamingTheFolderAndHowToGetIt()
    {
        var dir = _dir.File("data");
        var skip = Assert.Throws<SkipException>(() => Missing.SharedData(dir));
        Assert.Equal($"missing the shared evaluation data ({dir}): put shared/data beside the checkout (../shared/data) or set AEPAINT_SHARED_DATA", skip.Message);

        Directory.CreateDirectory(dir);
        Assert.Equal(dir, Missing.SharedData(dir));
    }

    [Fact]
    public void AnUnloadableNativeLibrarySkipsWithTheLoadersReasonAndThePackage()
    {
        // The reason the OpenCV peer itself gives when its native library's GTK dependency is absent.
        var peer = new OpenCvDenoiser("DllNotFoundException: libgtk-3.so.0: cannot open shared object file");
        var skip = Assert.Throws<SkipException>(() => Missing.NativeLibrary("OpenCvSharpExtern", peer.MissingReason));
        Assert.StartsWith("missing OpenCvSharpExtern: OpenCV native library not loadable (DllNotFoundException: libgtk-3.so.0: cannot open shared object file); Linux x64: apt-get install libgtk-3-0", skip.Message);

        Missing.NativeLibrary("OpenCvSharpExtern", loadError: null); // loaded: the test runs
    }

    [Fact]
    public void AProgramNotOnThePathSkipsNamingTheDebianPackage()
    {
        var bin = Directory.CreateDirectory(_dir.File("bin")).FullName;
        var skip = Assert.Throws<SkipException>(() => Missing.Program("fake-tool", "fake-package", bin));
        Assert.Equal("missing `fake-tool` (not on PATH): apt-get install fake-package", skip.Message);

        var tool = Path.Combine(bin, OperatingSystem.IsWindows() ? "fake-tool.exe" : "fake-tool");
        File.WriteAllBytes(tool, []);
        Assert.Equal(tool, Missing.Program("fake-tool", "fake-package", _dir.File("elsewhere") + Path.PathSeparator + bin));
    }

    public void Dispose() => _dir.Dispose();
}
