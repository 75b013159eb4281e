namespace AePaint.Installer;

/// <summary>A part of a bundle: "plugin" (→ Effects\AePaint), "cli", "trainer" (→ per-user folders), "installer" (not installed).</summary>
public sealed record BundleComponent(string Name, string Folder, IReadOnlyList<FileEntry> Files);
