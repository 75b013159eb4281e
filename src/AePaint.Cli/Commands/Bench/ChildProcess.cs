using System.Diagnostics;

namespace AePaint.Cli.Commands.Bench;

/// <summary>Runs aepaint itself as a child process (measurements whose peak memory must be their own).</summary>
internal static class ChildProcess
{
    public static int Run(CliConsole console, IEnumerable<string> arguments)
    {
        var self = Environment.ProcessPath ?? throw new CliException("cannot find the aepaint executable to start a benchmark child process");
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var child = Process.Start(psi)!;
        var text = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        console.Output.Write(text);
        return child.ExitCode;
    }
}
