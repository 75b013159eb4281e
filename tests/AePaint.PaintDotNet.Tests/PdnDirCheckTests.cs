using System.Diagnostics;
using AePaint.TestSupport;

namespace AePaint.PaintDotNet.Tests;

/// <summary>
/// The check the Windows build (-p:PdnDir) runs before compiling, run here through MSBuild on the real project file:
/// a wrong or incomplete Paint.NET folder gives one error naming the missing DLLs. (Only that target runs, so the
/// project's build folders are not touched while other tests use them.)
/// </summary>
public sealed class PdnDirCheckTests : IDisposable
{
    private static readonly string[] NineDlls =
    [
        "PaintDotNet.Base.dll", "PaintDotNet.ComponentModel.dll", "PaintDotNet.Core.dll", "PaintDotNet.Effects.Core.dll", "PaintDotNet.Framework.dll",
        "PaintDotNet.Primitives.dll", "PaintDotNet.PropertySystem.dll", "PaintDotNet.Windows.dll", "PaintDotNet.Windows.Core.dll",
    ];

    private readonly TempDir _pdn = new();

    public void Dispose() => _pdn.Dispose();

    [Fact]
    public void Empty_folder_is_one_error_naming_all_nine_dlls()
    {
        var (exit, output) = Check(_pdn.Path);
        Assert.NotEqual(0, exit);
        var errors = ErrorLines(output);
        Assert.Single(errors);
        Assert.Contains("AEPDN001", errors[0], StringComparison.Ordinal);
        Assert.All(NineDlls, dll => Assert.Contains(dll, errors[0], StringComparison.Ordinal));
    }

    [Fact]
    public void Incomplete_folder_names_only_what_is_missing_and_a_complete_one_passes()
    {
        foreach (var dll in NineDlls.Where(d => d != "PaintDotNet.PropertySystem.dll"))
        {
            File.WriteAllText(_pdn.File(dll), "present");
        }

        var (exit, output) = Check(_pdn.Path);
        Assert.NotEqual(0, exit);
        var error = Assert.Single(ErrorLines(output));
        Assert.Contains("missing PaintDotNet.PropertySystem.dll.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("PaintDotNet.Core.dll", error, StringComparison.Ordinal);

        File.WriteAllText(_pdn.File("PaintDotNet.PropertySystem.dll"), "present");
        var (ok, okOutput) = Check(_pdn.Path);
        Assert.True(ok == 0, okOutput);
        Assert.Empty(ErrorLines(okOutput));
    }

    private static string[] ErrorLines(string output) =>
        output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) && !l.Contains("0 Error(s)", StringComparison.Ordinal)).Distinct().ToArray();

    private static (int Exit, string Output) Check(string pdnDir)
    {
        var project = Path.Combine(TestPaths.RepoRoot, "src", "AePaint.PaintDotNet", "AePaint.PaintDotNet.csproj");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "msbuild", project, "-t:AePaintCheckPdnDir", "-p:PdnDir=" + pdnDir, "-nologo", "-v:q", "-clp:NoSummary" })
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }
}
