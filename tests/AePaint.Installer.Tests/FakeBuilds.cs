using System.Text.Json.Nodes;
using AePaint.Installer.Bundling;
using AePaint.TestSupport;

namespace AePaint.Installer.Tests;

/// <summary>
/// Plugin build folders as `dotnet build` lays them out (RID-less: natives under runtimes/&lt;rid&gt;/native; with -r: flat),
/// with a .deps.json of the real shape. File contents are placeholders carrying the version, so upgrades change hashes.
/// </summary>
internal static class FakeBuilds
{
    public const string OrtVersion = "1.31.1";

    public static string Plugin(string folder, string version = "0.1.0", bool directMl = false, string? rid = null, bool withDirectMlDll = true, bool shipPaintDotNet = false)
    {
        Directory.CreateDirectory(folder);
        var ortPackage = directMl ? "Microsoft.ML.OnnxRuntime.DirectML" : "Microsoft.ML.OnnxRuntime";
        var target = ".NETCoreApp,Version=v9.0" + (rid is null ? string.Empty : "/" + rid);
        var ort = new JsonObject { ["dependencies"] = new JsonObject { ["Microsoft.ML.OnnxRuntime.Managed"] = OrtVersion } };
        var natives = new[] { ("win-x64", "onnxruntime.dll"), ("win-x64", "onnxruntime_providers_shared.dll"), ("linux-x64", "libonnxruntime.so"), ("osx-arm64", "libonnxruntime.dylib") };
        if (rid is null)
        {
            var targets = new JsonObject();
            foreach (var (r, file) in natives)
            {
                var path = $"runtimes/{r}/native/{file}";
                targets[path] = new JsonObject { ["rid"] = r, ["assetType"] = "native" };
                Write(folder, path, $"{file} for {r}, ORT {OrtVersion} {ortPackage}");
            }

            ort["runtimeTargets"] = targets;
        }
        else
        {
            var native = new JsonObject();
            foreach (var (_, file) in natives.Where(n => n.Item1 == rid))
            {
                native[$"runtimes/{rid}/native/{file}"] = new JsonObject();
                Write(folder, file, $"{file} for {rid}, ORT {OrtVersion} {ortPackage}");
            }

            ort["native"] = native;
        }

        var libs = new JsonObject
        {
            [$"AePaint.PaintDotNet/{version}"] = Runtime("AePaint.PaintDotNet.dll", new JsonObject { ["AePaint.Effects"] = version }),
            [$"AePaint.Effects/{version}"] = Runtime("AePaint.Effects.dll"),
            [$"{ortPackage}/{OrtVersion}"] = ort,
            [$"Microsoft.ML.OnnxRuntime.Managed/{OrtVersion}"] = Runtime("lib/net8.0/Microsoft.ML.OnnxRuntime.dll"),
        };
        if (shipPaintDotNet)
        {
            libs["PaintDotNet.Core/5.1.0"] = Runtime("PaintDotNet.Core.dll");
            Write(folder, "PaintDotNet.Core.dll", "not ours to ship");
        }

        var deps = new JsonObject
        {
            ["runtimeTarget"] = new JsonObject { ["name"] = target, ["signature"] = string.Empty },
            ["targets"] = new JsonObject { [target] = libs },
        };
        Write(folder, PluginDeps.DepsFile, deps.ToJsonString());
        foreach (var dll in new[] { "AePaint.PaintDotNet.dll", "AePaint.Effects.dll", "Microsoft.ML.OnnxRuntime.dll" })
        {
            Write(folder, dll, $"{dll} {version}");
        }

        if (directMl && withDirectMlDll)
        {
            // The DirectML package's build targets copy DirectML.dll to the output root, not into runtimes/.
            Write(folder, "DirectML.dll", "DirectML 1.15");
        }

        // Things a build folder holds that must not be shipped.
        Write(folder, "AePaint.PaintDotNet.pdb", "symbols");
        Write(folder, "PaintDotNet.StandIn.dll", "compile-only stand-in");
        Write(folder, "AePaint.Effects.deps.json", "{}");
        return folder;
    }

    /// <summary>Two real tiny models (denoise with embedded card + sidecar, ×2 SR) as the shipped models folder.</summary>
    public static string Models(string folder, bool broken = false)
    {
        Directory.CreateDirectory(folder);
        TestModels.BoxBlur(folder, 1);
        TestModels.PixelShuffle(folder, 2);
        if (broken)
        {
            File.WriteAllText(Path.Combine(folder, "broken.onnx"), "not a model");
        }

        return folder;
    }

    /// <summary>A published component (CLI or trainer) folder.</summary>
    public static string Component(string folder, string exe, string version = "0.1.0")
    {
        Write(folder, exe + ".exe", $"{exe} {version}");
        Write(folder, exe + ".dll", $"{exe} library {version}");
        Write(folder, "models/readme.txt", "models beside the exe");
        return folder;
    }

    private static JsonObject Runtime(string path, JsonObject? dependencies = null)
    {
        var o = new JsonObject { ["runtime"] = new JsonObject { [path] = new JsonObject() } };
        if (dependencies != null)
        {
            o["dependencies"] = dependencies;
        }

        return o;
    }

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
