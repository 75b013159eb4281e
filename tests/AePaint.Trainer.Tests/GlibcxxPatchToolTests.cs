using System.Diagnostics;
using AePaint.Build;

namespace AePaint.Trainer.Tests;

/// <summary>The command line TorchSharpGlibcxx.targets runs (aepaint-glibcxx-patch), as a real process.</summary>
public sealed class GlibcxxPatchToolTests
{
    [Fact]
    public void WritesThePatchedCopyAndExitsWithUsePatchedCopy()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;  // as in ElfVersionPatcherTests: only the linux-x64 runtime of TorchSharp is restored there
        }

        string dir = Directory.CreateTempSubdirectory("aepaint-glibcxx-tool-").FullName;
        try
        {
            string destination = Path.Combine(dir, "libLibTorchSharp.so");
            var (exit, lines) = Run("--source", ElfVersionPatcherTests.OriginalLibrary(), "--destination", destination,
                "--versions", "GLIBCXX_3.4.32", "--mode", "always", "--system-library", "");
            Assert.Equal(AePaint.Build.Program.UsePatchedCopy, exit);
            Assert.All(lines, line => Assert.StartsWith("TorchSharpGlibcxx: ", line, StringComparison.Ordinal));
            Assert.True(ElfImage.Parse(File.ReadAllBytes(destination)).ReadVersionNeeds().Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ANonElfSourceFailsWithOneLineNamingTheFileAndWritesNothing()
    {
        string dir = Directory.CreateTempSubdirectory("aepaint-glibcxx-tool-").FullName;
        try
        {
            string source = Path.Combine(dir, "not-a-library.so");
            File.WriteAllText(source, "plain text, long enough to pass the 64-byte header length check of the parser........");
            string destination = Path.Combine(dir, "out.so");
            var (exit, lines) = Run("--source", source, "--destination", destination, "--versions", "GLIBCXX_3.4.32", "--mode", "always");
            Assert.Equal(AePaint.Build.Program.Failed, exit);
            string line = Assert.Single(lines);
            Assert.StartsWith($"TorchSharpGlibcxx: error: cannot patch {source}: Not an ELF file.", line, StringComparison.Ordinal);
            Assert.False(File.Exists(destination));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void MissingArgumentsPrintTheUsageAndFail()
    {
        var (exit, lines) = Run("--source", "x.so");
        Assert.Equal(AePaint.Build.Program.Failed, exit);
        Assert.StartsWith("TorchSharpGlibcxx: error: usage: aepaint-glibcxx-patch --source", Assert.Single(lines), StringComparison.Ordinal);
    }

    private static (int Exit, List<string> Lines) Run(params string[] args)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "aepaint-glibcxx-patch.dll");
        var start = new ProcessStartInfo(Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList());
    }
}
