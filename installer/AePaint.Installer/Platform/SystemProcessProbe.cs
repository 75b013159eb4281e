using System.Diagnostics;

namespace AePaint.Installer.Platform;

/// <summary>The real probe: Classic and Store editions both run paintdotnet.exe.</summary>
public sealed class SystemProcessProbe : IProcessProbe
{
    public IReadOnlyList<string> RunningPaintDotNet()
    {
        var found = new List<string>();
        foreach (var p in Process.GetProcesses())
        {
            using (p)
            {
                if (string.Equals(p.ProcessName, "paintdotnet", StringComparison.OrdinalIgnoreCase))
                {
                    found.Add($"{p.ProcessName} (pid {p.Id})");
                }
            }
        }

        return found;
    }
}
