using System.Diagnostics;
using AePaint.TestSupport;
using AePaint.Trainer.Training;
using Xunit.Abstractions;

namespace AePaint.Trainer.Tests.Cli;

/// <summary>A background run stopped with `kill` (SIGTERM) finishes its step, writes a checkpoint and exits 130, as Ctrl+C does.</summary>
public sealed class StopSignalTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void SigtermCheckpointsAndExits()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var photos = TrainerRun.Photos(_dir);
        var recipe = _dir.File("recipe.json");
        File.WriteAllText(recipe, """{ "network": { "preset": "tiny" }, "data": { "patchSize": 32, "batchSize": 2 }, "schedule": { "steps": 100000, "validateEvery": 10, "checkpointEvery": 100000 } }""");
        var run = _dir.File("run");
        var dll = Path.Combine(AppContext.BaseDirectory, "aepaint-train.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "denoise", "--options", recipe, "--data", photos, "--run", run, "--embedder", "none" })
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var lines = new List<string>();
        string? line;
        while ((line = p.StandardOutput.ReadLine()) != null)
        {
            lines.Add(line);
            if (line.StartsWith("step 4/", StringComparison.Ordinal))
            {
                using var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                kill.WaitForExit();
                break;
            }
        }

        lines.Add(p.StandardOutput.ReadToEnd());
        p.WaitForExit();
        output.WriteLine(string.Join("\n", lines) + p.StandardError.ReadToEnd());
        Assert.Equal(130, p.ExitCode);
        Assert.Contains(lines, l => l.Contains("stopped at step", StringComparison.Ordinal));
        var latest = Checkpoint.Latest(run);
        Assert.NotNull(latest);
        Assert.InRange(Checkpoint.Load(latest!, null, null).Step, 4, 99_999); // checkpointEvery never came: this one is the stop's
    }

    public void Dispose() => _dir.Dispose();
}
