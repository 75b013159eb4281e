using System.Runtime.InteropServices;

namespace AePaint.Evaluation.Reports;

/// <summary>
/// One `aepaint eval` run: what was run, on which machine, under which protocol, and per condition (σ or scale)
/// every method's per-image and mean scores and times. Serialised as report.json and rendered as report.md.
/// </summary>
public sealed class EvalReport
{
    public required string Task { get; init; }

    public required string Set { get; init; }

    public required string SetName { get; init; }

    public required int ImageCount { get; init; }

    public required string Command { get; init; }

    public DateTimeOffset Date { get; init; } = DateTimeOffset.UtcNow;

    public string Machine { get; init; } = DescribeMachine();

    public string Version { get; init; } = typeof(EvalReport).Assembly.GetName().Version?.ToString(3) ?? "?";

    /// <summary>The scoring rules and every choice that affects the numbers, one line each.</summary>
    public List<string> Protocol { get; } = [];

    public List<EvalCondition> Conditions { get; } = [];

    public static string DescribeMachine()
    {
        string cpu = string.Empty;
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? string.Empty;
            }
        }
        catch (IOException)
        {
            // The CPU name is decoration.
        }

        return $"{(cpu.Length > 0 ? cpu + ", " : string.Empty)}{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}";
    }
}
