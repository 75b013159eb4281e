using System.Diagnostics;
using System.Globalization;

namespace AePaint.Cli.Commands.Bench;

/// <summary>Peak resident memory of this process, and what else loads the machine while a benchmark runs.</summary>
internal static class PeakRss
{
    /// <summary>Peak resident set (VmHWM) on Linux; the process's peak working set elsewhere.</summary>
    public static long Bytes()
    {
        if (File.Exists("/proc/self/status"))
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line != null)
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64;
    }

    /// <summary>The 1-minute load average (Linux), printed beside figures so a busy machine is visible in them.</summary>
    public static string LoadNote()
    {
        try
        {
            if (File.Exists("/proc/loadavg"))
            {
                var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                return $"load average {load} on {Environment.ProcessorCount} cores";
            }
        }
        catch (IOException)
        {
        }

        return $"{Environment.ProcessorCount} cores";
    }
}
