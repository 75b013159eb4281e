using System.Diagnostics;

namespace AePaint.Installer.Bundling;

/// <summary>Builds the plugin for one RID with `dotnet build` when `bundle` is not given a build folder.</summary>
internal static class PluginBuild
{
    public const string ProjectPath = "src/AePaint.PaintDotNet/AePaint.PaintDotNet.csproj";

    /// <summary>The checkout holding AePaintPlugin.sln at or above <paramref name="start"/>, or null.</summary>
    public static string? FindRepo(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AePaintPlugin.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Runs the build into <paramref name="output"/>. With a RID the natives land flat beside the plugin DLL (and
    /// DirectML.dll beside onnxruntime.dll), and the deps file lists exactly that RID's files.
    /// </summary>
    public static void Run(string repo, string rid, bool directMl, string? pdnDir, string output, TextWriter log)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repo,
        };
        foreach (var a in new[] { "build", Path.Combine(repo, ProjectPath), "-c", "Release", "-r", rid, "-o", output, "-nologo", "-v", "quiet" })
        {
            psi.ArgumentList.Add(a);
        }

        if (directMl)
        {
            psi.ArgumentList.Add("-p:AePaintGpu=DirectML");
        }

        if (pdnDir != null)
        {
            psi.ArgumentList.Add($"-p:PdnDir={pdnDir}");
        }

        log.WriteLine($"Building the plugin: dotnet {string.Join(' ', psi.ArgumentList)}");
        using var process = Process.Start(psi) ?? throw new InstallerException("could not start dotnet to build the plugin");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var tail = string.Join('\n', (stdout + stderr.Result).Split('\n').Where(l => l.Trim().Length > 0).TakeLast(15));
            throw new InstallerException($"the plugin build failed (exit {process.ExitCode}):\n{tail}");
        }
    }
}
