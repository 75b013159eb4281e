namespace AePaint.Installer;

/// <summary>aepaint-bundle.json at the bundle's root: what the bundle holds, with checksums.</summary>
public sealed record BundleManifest
{
    public const string FileName = "aepaint-bundle.json";

    public int Format { get; init; } = 1;

    public required string Version { get; init; }

    public required string Rid { get; init; }

    public required OnnxRuntimeInfo OnnxRuntime { get; init; }

    /// <summary>What the plugin was compiled against: "Paint.NET", "stand-in" (CI build, will not load in Paint.NET) or "unknown".</summary>
    public required string PaintDotNetApi { get; init; }

    public required IReadOnlyList<BundleComponent> Components { get; init; }

    public BundleComponent? Component(string name) => Components.FirstOrDefault(c => c.Name == name);
}
