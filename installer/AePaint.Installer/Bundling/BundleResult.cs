namespace AePaint.Installer.Bundling;

public sealed record BundleResult(string Folder, string Zip, string ZipChecksum, BundleManifest Manifest, IReadOnlyList<string> Warnings);
