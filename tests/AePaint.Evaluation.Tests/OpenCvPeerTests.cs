using System.Runtime.InteropServices;
using AePaint.Evaluation.Peers;
using AePaint.Evaluation.Protocols;
using AePaint.Evaluation.Reports;
using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Imaging.Metrics;
using AePaint.TestSupport;
using Xunit.Abstractions;

namespace AePaint.Evaluation.Tests;

/// <summary>
/// The OpenCV peer (fastNlMeansDenoisingColored in-process). On Linux x64 the tests that run it are skipped, naming the
/// library the loader could not find and the package to install, when its native library does not load (it links
/// GTK 3); `.ci/run` installs that package and fails on any skip.
/// </summary>
public sealed class OpenCvPeerTests
{
    private readonly ITestOutputHelper _output;

    public OpenCvPeerTests(ITestOutputHelper output) => _output = output;

    private static bool RuntimeReferenced => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    private static string Cbsd68 => TestPaths.EvalSet("CBSD68");

    [SkippableFact]
    public void DenoisesACbsd68ImageWellAboveTheNoisyInput()
    {
        var peer = DenoisePeer.Select(OpenCvDenoiser.PeerId).Single();
        if (!RuntimeReferenced)
        {
            Assert.False(peer.Installed); // no runtime package referenced for this OS: reported, not thrown
            Assert.Contains("not loadable", EvalCommon.Describe(peer, 25));
            return;
        }

        SkipUnlessLoadable(peer);
        var clean = ImageFile.Load(Directory.GetFiles(Cbsd68, "*.png").Order(StringComparer.Ordinal).First());
        var noisy = PixelConversion.ToBgra8(ProtocolScores.DenoiseNoisyInput(PixelConversion.ToPlanar(clean), 25, seed: 0));
        var (result, seconds) = peer.Run(noisy, 25, CancellationToken.None);
        double before = ProtocolScores.Denoise(clean, noisy).Psnr, after = ProtocolScores.Denoise(clean, result).Psnr;
        _output.WriteLine($"{peer.Version}: {before:F2} → {after:F2} dB in {seconds:F2} s");
        Assert.Equal((clean.Width, clean.Height), (result.Width, result.Height));
        Assert.True(after > before + 2.5, $"{after} vs noisy {before}"); // 101085, textured: +2.9 dB (first 10: +2.9 to +8.7)
        Assert.All(Enumerable.Range(0, result.Data.Length / 4), i => Assert.Equal(255, result.Data[(i * 4) + 3]));
    }

    [SkippableFact]
    public void AppearsInTheDenoiseReportWithItsSettings()
    {
        if (RuntimeReferenced)
        {
            SkipUnlessLoadable(DenoisePeer.Select(OpenCvDenoiser.PeerId).Single());
        }

        var report = DenoiseEvaluation.Run(new EvalSettings { SetDir = Cbsd68, Limit = 2, Peers = OpenCvDenoiser.PeerId, Ssim = false }, [25], sigmaAuto: false);
        Assert.Contains("| OpenCV fastNlMeansDenoisingColored | ", EvalReportWriter.ToMarkdown(report));
        var c = ReportJson.Condition(ReportJson.Of(report), 0);
        var m = ReportJson.Method(c, "OpenCV fastNlMeansDenoisingColored");
        var settings = m.GetProperty("settings").GetString()!;
        _output.WriteLine(settings);
        Assert.Equal("peer", m.GetProperty("kind").GetString());
        Assert.Contains("h: 15, hColor: 15, templateWindowSize: 7, searchWindowSize: 21", settings); // h = 0.6·σ at σ 25
        if (RuntimeReferenced)
        {
            Assert.Equal(MethodResult.Ok, m.GetProperty("status").GetString());
            Assert.Contains("OpenCV 4.", settings);
            Assert.Equal(2, m.GetProperty("images").GetArrayLength());
            double noisy8 = ReportJson.Method(c, DenoiseEvaluation.Noisy8Name).GetProperty("meanPsnr").GetDouble();
            Assert.True(m.GetProperty("meanPsnr").GetDouble() > noisy8 + 3); // measured +4.3 dB
        }
        else
        {
            Assert.Equal(MethodResult.NotInstalled, m.GetProperty("status").GetString());
        }
    }

    [Fact]
    public void AnUnloadableLibraryIsReportedWithItsReasonAndNeverRun()
    {
        var peer = new OpenCvDenoiser("DllNotFoundException: libgtk-3.so.0: cannot open shared object file");
        Assert.False(peer.Installed);
        var described = EvalCommon.Describe(peer, 25);
        Assert.Contains("libgtk-3.so.0: cannot open", described);
        Assert.Contains("apt-get install libgtk-3-0", described);
        Assert.Contains("would run `Cv2.FastNlMeansDenoisingColored(", described);
        Assert.Throws<InvalidOperationException>(() => peer.Run(new Bgra8Image(4, 4), 25, CancellationToken.None));
    }

    [Theory]
    [InlineData("libgtk-3.so.0: cannot open shared object file: No such file or directory")] // not installed
    [InlineData("/lib/x86_64-linux-gnu/libgtk-3.so.0: file too short")] // a broken (or hidden) copy
    public void TheLoadersLineNamingTheMissingDependencyIsTheReason(string dependencyLine)
    {
        var e = new DllNotFoundException(string.Join('\n',
            "Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies. In order to help diagnose loading problems, consider using a tool like strace.",
            "/app/runtimes/linux-x64/native/OpenCvSharpExtern.so: cannot open shared object file: No such file or directory",
            dependencyLine,
            "/app/libOpenCvSharpExtern.so: cannot open shared object file: No such file or directory"));
        Assert.Equal("DllNotFoundException: " + dependencyLine, OpenCvDenoiser.Innermost(new TypeInitializationException("OpenCvSharp.NativeMethods", e)));
    }

    private static void SkipUnlessLoadable(DenoisePeer peer) => Missing.NativeLibrary("OpenCvSharpExtern", peer.Installed ? null : peer.MissingReason);
}
