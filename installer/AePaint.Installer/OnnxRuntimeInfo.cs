namespace AePaint.Installer;

/// <summary>Which ONNX Runtime build the plugin carries: flavour "CPU" or "DirectML", package version, native library path.</summary>
public sealed record OnnxRuntimeInfo(string Flavour, string? Version, string NativeLibrary);
