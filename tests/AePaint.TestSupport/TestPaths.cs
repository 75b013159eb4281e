namespace AePaint.TestSupport;

/// <summary>Where the repository and the shared evaluation data are, from any test's working folder.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The folder holding AePaintPlugin.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>
    /// ../shared/data beside the checkout (CI lays a copy there too); AEPAINT_SHARED_DATA overrides. Absent: the
    /// running test is skipped with the reason (<see cref="Missing.SharedData"/>).
    /// </summary>
    public static string SharedData => Missing.SharedData(SharedDataDir);

    /// <summary>Where the shared data is looked for, whether or not it is there.</summary>
    public static string SharedDataDir
    {
        get
        {
            var env = Environment.GetEnvironmentVariable(Missing.SharedDataVariable);
            return string.IsNullOrEmpty(env) ? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data")) : env;
        }
    }

    public static string EvalSet(string name) => Path.Combine(SharedData, "eval", name);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AePaintPlugin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("AePaintPlugin.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder deleted when the test ends.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aepaint-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a failing test must not hide the real failure.
        }
    }
}
