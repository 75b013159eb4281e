namespace AePaint.Inference;

/// <summary>The DirectML.dll that was loaded: where from and which version.</summary>
public sealed record DirectMLInfo(string Path, Version Version);
