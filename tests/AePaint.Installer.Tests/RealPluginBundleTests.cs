using AePaint.Installer.Bundling;
using AePaint.Installer.Installing;
using AePaint.TestSupport;

namespace AePaint.Installer.Tests;

/// <summary>The bundle made from the plugin's real build folder (built before these tests by the project reference).</summary>
public sealed class RealPluginBundleTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly TempDir _dir = new();

    private static string PluginOutput => Path.Combine(TestPaths.RepoRoot, "src", "AePaint.PaintDotNet", "bin", Configuration, "net9.0-windows");

    [Fact]
    public void RealBuildBundlesExactlyThePluginItsDepsAndWinX64OnnxRuntime()
    {
        var r = BundleBuilder.Build(new BundleOptions
        {
            PluginOutput = PluginOutput,
            ModelsFolder = FakeBuilds.Models(_dir.File("models")),
            OutputFolder = _dir.File("dist"),
        });
        var files = r.Manifest.Component("plugin")!.Files.Select(f => f.Path).ToArray();
        foreach (var expected in new[]
        {
            "AePaint.PaintDotNet.dll", "AePaint.PaintDotNet.deps.json", "AePaint.Effects.dll", "AePaint.Inference.dll", "AePaint.Imaging.dll",
            "Microsoft.ML.OnnxRuntime.dll", "runtimes/win-x64/native/onnxruntime.dll",
        })
        {
            Assert.Contains(expected, files);
        }

        Assert.DoesNotContain(files, f => f.Contains("PaintDotNet.StandIn", StringComparison.Ordinal) || f.EndsWith(".pdb", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.StartsWith("runtimes/", StringComparison.Ordinal) && !f.StartsWith("runtimes/win-x64/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("SkiaSharp", StringComparison.Ordinal) || f.Contains("TorchSharp", StringComparison.Ordinal));
        Assert.Equal("CPU", r.Manifest.OnnxRuntime.Flavour);
        Assert.Equal("stand-in", r.Manifest.PaintDotNetApi); // the Linux build compiles against src/PaintDotNet.StandIn
        Assert.Contains(r.Warnings, w => w.Contains("will not load it", StringComparison.Ordinal));

        using var machine = new FakeMachine(PdnLayout.Classic);
        var before = machine.Snapshot();
        var install = machine.Run("install", "--from", r.Zip);
        Assert.True(install.Exit == 0, install.Err);
        Assert.Contains("stand-in Paint.NET API", install.Out);
        var verify = machine.Run("verify");
        Assert.True(verify.Exit == 0, verify.Err);
        Assert.Contains("ONNX Runtime 1.31.1 CPU", verify.Out);
        Assert.Equal(0, machine.Run("uninstall").Exit);
        Assert.Equal(before, machine.Snapshot());
    }

    public void Dispose() => _dir.Dispose();
}
