using System.IO.Compression;
using System.Security.Cryptography;
using AePaint.Installer.Bundling;
using AePaint.Installer.Installing;
using AePaint.TestSupport;

namespace AePaint.Installer.Tests;

public sealed class BundleTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Models => FakeBuilds.Models(_dir.File("models"));

    [Fact]
    public void CpuBuildGivesThePluginFolderWithWinX64OrtModelsZipAndChecksums()
    {
        var build = FakeBuilds.Plugin(_dir.File("build"));
        var r = BundleBuilder.Build(new BundleOptions { PluginOutput = build, ModelsFolder = Models, OutputFolder = _dir.File("dist") });

        Assert.Equal(
            [
                "AePaint.Effects.dll", "AePaint.PaintDotNet.deps.json", "AePaint.PaintDotNet.dll", "Microsoft.ML.OnnxRuntime.dll",
                "models/box1.json", "models/box1.onnx", "models/shuffle2.json", "models/shuffle2.onnx",
                "runtimes/win-x64/native/onnxruntime.dll", "runtimes/win-x64/native/onnxruntime_providers_shared.dll",
            ],
            r.Manifest.Component("plugin")!.Files.Select(f => f.Path));
        Assert.Equal("0.1.0", r.Manifest.Version);
        Assert.Equal(new OnnxRuntimeInfo("CPU", "1.31.1", "AePaint/runtimes/win-x64/native/onnxruntime.dll"), r.Manifest.OnnxRuntime);
        Assert.Equal("unknown", r.Manifest.PaintDotNetApi);
        Assert.NotEmpty(r.Warnings);

        // The ZIP holds exactly the folder, and every file's checksum in the manifest is right.
        using (var zip = ZipFile.OpenRead(r.Zip))
        {
            var onDisk = Directory.EnumerateFiles(r.Folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(r.Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
            Assert.Equal(onDisk, zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        }

        using var opened = BundleSource.Open(r.Zip);
        Assert.Equal(r.Manifest.Component("plugin")!.Files, opened.Manifest.Component("plugin")!.Files);
        var line = File.ReadAllText(r.ZipChecksum).Trim();
        Assert.Equal($"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(r.Zip)))}  AePaint-0.1.0-win-x64.zip", line);
    }

    [Fact]
    public void DirectMlBuildPutsDirectMlDllBesideOnnxRuntimeDll()
    {
        var build = FakeBuilds.Plugin(_dir.File("build"), directMl: true);
        var r = BundleBuilder.Build(new BundleOptions { PluginOutput = build, ModelsFolder = Models, OutputFolder = _dir.File("dist"), ExpectOrt = "directml" });
        Assert.Equal("DirectML", r.Manifest.OnnxRuntime.Flavour);
        var files = r.Manifest.Component("plugin")!.Files.Select(f => f.Path).ToArray();
        Assert.Contains("runtimes/win-x64/native/DirectML.dll", files);
        Assert.DoesNotContain("DirectML.dll", files);
    }

    [Fact]
    public void RidSpecificBuildKeepsNativesFlatBesideThePlugin()
    {
        var build = FakeBuilds.Plugin(_dir.File("build"), directMl: true, rid: "win-x64");
        var r = BundleBuilder.Build(new BundleOptions { PluginOutput = build, ModelsFolder = Models, OutputFolder = _dir.File("dist") });
        var files = r.Manifest.Component("plugin")!.Files.Select(f => f.Path).ToArray();
        Assert.Contains("onnxruntime.dll", files);
        Assert.Contains("DirectML.dll", files);
        Assert.DoesNotContain(files, f => f.StartsWith("runtimes/", StringComparison.Ordinal));
        Assert.Equal("AePaint/onnxruntime.dll", r.Manifest.OnnxRuntime.NativeLibrary);
    }

    [Fact]
    public void LinuxRidBundlesTheSharedObject()
    {
        var build = FakeBuilds.Plugin(_dir.File("build"));
        var r = BundleBuilder.Build(new BundleOptions { PluginOutput = build, ModelsFolder = Models, OutputFolder = _dir.File("dist"), Rid = "linux-x64" });
        Assert.Equal("AePaint/runtimes/linux-x64/native/libonnxruntime.so", r.Manifest.OnnxRuntime.NativeLibrary);
        Assert.DoesNotContain(r.Manifest.Component("plugin")!.Files, f => f.Path.EndsWith(".dll", StringComparison.Ordinal) && f.Path.StartsWith("runtimes/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("directml-without-dll", "without DirectML.dll")]
    [InlineData("cpu-asked-directml", "rebuild it with -p:AePaintGpu=DirectML")]
    [InlineData("rid-mismatch", "built for win-x64, not linux-x64")]
    [InlineData("paint-net-dll", "must never be shipped")]
    [InlineData("missing-asset", "missing from the build folder")]
    [InlineData("broken-model", "broken.onnx")]
    [InlineData("no-models", "no .onnx models")]
    public void BadInputsAreRefusedWithTheReason(string bad, string expected)
    {
        var build = _dir.File("build");
        var models = bad == "broken-model" ? FakeBuilds.Models(_dir.File("models"), broken: true)
            : bad == "no-models" ? Directory.CreateDirectory(_dir.File("empty")).FullName
            : Models;
        FakeBuilds.Plugin(build, directMl: bad == "directml-without-dll", withDirectMlDll: false, rid: bad == "rid-mismatch" ? "win-x64" : null, shipPaintDotNet: bad == "paint-net-dll");
        if (bad == "missing-asset")
        {
            File.Delete(Path.Combine(build, "AePaint.Effects.dll"));
        }

        var e = Assert.Throws<InstallerException>(() => BundleBuilder.Build(new BundleOptions
        {
            PluginOutput = build,
            ModelsFolder = models,
            OutputFolder = _dir.File("dist"),
            Rid = bad == "rid-mismatch" ? "linux-x64" : "win-x64",
            ExpectOrt = bad == "cpu-asked-directml" ? "directml" : null,
        }));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void DamagedBundleIsRefusedBeforeInstalling()
    {
        var r = BundleBuilder.Build(new BundleOptions { PluginOutput = FakeBuilds.Plugin(_dir.File("build")), ModelsFolder = Models, OutputFolder = _dir.File("dist") });
        File.AppendAllText(Path.Combine(r.Folder, "AePaint", "AePaint.Effects.dll"), "tampered");
        var e = Assert.Throws<InstallerException>(() => BundleSource.Open(r.Folder));
        Assert.Contains("damaged", e.Message);
        Assert.Contains("AePaint.Effects.dll: changed", e.Message);
    }

    [Fact]
    public void BundleCommandWritesFolderZipAndChecksum()
    {
        using var machine = new FakeMachine(PdnLayout.Classic);
        var (exit, output, err) = machine.Run("bundle", "--plugin-output", FakeBuilds.Plugin(_dir.File("build")), "--models", Models, "-o", _dir.File("dist"),
            "--cli", FakeBuilds.Component(_dir.File("cli"), "aepaint"));
        Assert.True(exit == 0, err);
        Assert.Contains("ONNX Runtime 1.31.1 CPU", output);
        Assert.Contains("cli (3 files)", output);
        Assert.Contains("Paint.NET will not load it", err); // a build not compiled against Paint.NET is always flagged
        Assert.True(File.Exists(_dir.File("dist/AePaint-0.1.0-win-x64.zip")));
        Assert.True(File.Exists(_dir.File("dist/AePaint-0.1.0-win-x64.zip.sha256")));
    }

    public void Dispose() => _dir.Dispose();
}
