using System.Diagnostics;

namespace AePaint.Build;

/// <summary>Finds the libstdc++.so.6 that the dynamic loader would use, and the versions it defines.</summary>
public static class SystemLibStdCxx
{
    public const string Soname = "libstdc++.so.6";

    public static string? Find(ushort machine)
    {
        string? fromCache = FromLdconfig(machine);
        if (fromCache != null)
        {
            return fromCache;
        }

        string[] fallback = machine == ElfImage.MachineAArch64
            ? new[] { "/usr/lib/aarch64-linux-gnu/", "/lib/aarch64-linux-gnu/", "/usr/lib64/", "/lib64/", "/usr/lib/" }
            : new[] { "/usr/lib/x86_64-linux-gnu/", "/lib/x86_64-linux-gnu/", "/usr/lib64/", "/lib64/", "/usr/lib/" };
        return fallback.Select(dir => dir + Soname).FirstOrDefault(path => MachineOf(path) == machine);
    }

    public static IReadOnlyCollection<string> DefinedVersions(string path) =>
        ElfImage.Parse(File.ReadAllBytes(path)).ReadVersionDefinitions();

    /// <summary>Parses <c>ldconfig -p</c> lines such as "libstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6".</summary>
    internal static string? FromLdconfig(ushort machine)
    {
        string tag = machine == ElfImage.MachineAArch64 ? "AArch64" : "x86-64";
        foreach (string ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "/usr/bin/ldconfig" })
        {
            if (!File.Exists(ldconfig))
            {
                continue;
            }

            string output;
            try
            {
                var start = new ProcessStartInfo(ldconfig, "-p")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    CreateNoWindow = true,
                };
                using var process = Process.Start(start);
                if (process is null)
                {
                    continue;
                }

                output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException || e is IOException)
            {
                continue;
            }

            foreach (string raw in output.Split('\n'))
            {
                string line = raw.Trim();
                int arrow = line.IndexOf("=>", StringComparison.Ordinal);
                int paren = line.IndexOf('(');
                if (arrow < 0 || paren < 0 || !line.StartsWith(Soname + " ", StringComparison.Ordinal))
                {
                    continue;
                }

                string flags = line.Substring(paren, arrow - paren);
                string path = line.Substring(arrow + 2).Trim();
                if (flags.IndexOf(tag, StringComparison.Ordinal) >= 0 && MachineOf(path) == machine)
                {
                    return path;
                }
            }
        }

        return null;
    }

    private static ushort? MachineOf(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var header = new byte[20];
            using (var stream = File.OpenRead(path))
            {
                if (stream.Read(header, 0, header.Length) != header.Length)
                {
                    return null;
                }
            }

            return ElfImage.LooksLikeElf(header) ? ElfImage.U16(header, 18) : (ushort?)null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
