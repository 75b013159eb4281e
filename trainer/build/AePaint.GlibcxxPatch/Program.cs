namespace AePaint.Build;

/// <summary>
/// The command TorchSharpGlibcxx.targets runs: writes the patched copy of libLibTorchSharp.so when this machine needs it.
/// Exit code 0: ship the source unchanged; <see cref="UsePatchedCopy"/>: ship the destination; <see cref="Failed"/>: an
/// error, printed as one line. Not 1, which is also what <c>dotnet</c> returns when it cannot start the tool at all.
/// </summary>
public static class Program
{
    public const int UsePatchedCopy = 2;
    public const int Failed = 3;
    private const string Prefix = "TorchSharpGlibcxx: ";
    private const string Usage =
        "usage: aepaint-glibcxx-patch --source <lib.so> --destination <patched.so> --versions <v;v…> --mode auto|always [--system-library <libstdc++.so.6>]";

    public static int Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                Console.WriteLine(Prefix + "error: " + Usage);
                return Failed;
            }

            options[args[i][2..]] = args[i + 1];
        }

        if (!options.TryGetValue("source", out string? source) || !options.TryGetValue("destination", out string? destination)
            || !options.TryGetValue("versions", out string? versions) || !options.TryGetValue("mode", out string? mode))
        {
            Console.WriteLine(Prefix + "error: " + Usage);
            return Failed;
        }

        try
        {
            var outcome = GlibcxxPatch.Apply(
                source,
                destination,
                versions.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                mode,
                options.TryGetValue("system-library", out string? system) && !string.IsNullOrWhiteSpace(system) ? system : null);
            foreach (string message in outcome.Messages)
            {
                Console.WriteLine(Prefix + message);
            }

            foreach (string warning in outcome.Warnings)
            {
                Console.WriteLine(Prefix + "warning: " + warning);
            }

            return outcome.UsePatchedCopy ? UsePatchedCopy : 0;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.WriteLine($"{Prefix}error: cannot patch {source}: {e.Message} (see trainer/build/README.md; -p:AePaintGlibcxxPatch=never skips the step)");
            return Failed;
        }
    }
}
