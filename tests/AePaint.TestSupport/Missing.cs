using Xunit;

namespace AePaint.TestSupport;

/// <summary>
/// What a test needs from outside the checkout and the .NET SDK — the shared evaluation data, an optional native
/// library, a program from a system package — in one place. When it is absent the running test is skipped (it must be
/// a [SkippableFact] or [SkippableTheory]; a plain [Fact] fails with the same text) with a reason that names the
/// missing piece and how to get it. Nothing here passes vacuously, and `.ci/run` fails on any skip.
/// </summary>
public static class Missing
{
    /// <summary>The variable that points the tests at another copy of the shared data.</summary>
    public const string SharedDataVariable = "AEPAINT_SHARED_DATA";

    /// <summary>The skip reason for <paramref name="piece"/> being absent: what is missing, then how to get it.</summary>
    public static string Reason(string piece, string howToGet) => $"missing {piece}: {howToGet}";

    /// <summary>Skips the running test unless <paramref name="present"/>.</summary>
    public static void SkipUnless(bool present, string piece, string howToGet) => Skip.IfNot(present, Reason(piece, howToGet));

    /// <summary><paramref name="dir"/> (the shared data folder) when it exists; otherwise skips the running test.</summary>
    public static string SharedData(string dir)
    {
        SkipUnless(Directory.Exists(dir), $"the shared evaluation data ({dir})", $"put shared/data beside the checkout (../shared/data) or set {SharedDataVariable}");
        return dir;
    }

    /// <summary>
    /// An optional native library that the code under test loaded itself and reported: <paramref name="loadError"/>
    /// null when it loaded, else the loader's reason with how to install what it lacks.
    /// </summary>
    public static void NativeLibrary(string library, string? loadError) => SkipUnless(loadError is null, library, loadError ?? string.Empty);

    /// <summary>
    /// The full path of <paramref name="program"/> on <paramref name="searchPath"/> (default: PATH); otherwise skips
    /// the test, naming the Debian package that brings it.
    /// </summary>
    public static string Program(string program, string debianPackage, string? searchPath = null)
    {
        var found = Find(program, searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty);
        SkipUnless(found is not null, $"`{program}` (not on PATH)", $"apt-get install {debianPackage}");
        return found!;
    }

    private static string? Find(string program, string searchPath) =>
        searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => OperatingSystem.IsWindows() ? new[] { Path.Combine(dir, program + ".exe") } : [Path.Combine(dir, program)])
            .FirstOrDefault(File.Exists);
}
