namespace AePaint.Trainer.Data;

/// <summary>A file left out, and why (too small, unreadable, …).</summary>
public sealed record SkippedPhoto(string Path, string Reason);
