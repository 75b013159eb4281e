namespace AePaint.Build;

/// <summary>What <see cref="GlibcxxPatch.Apply"/> decided and did.</summary>
/// <param name="UsePatchedCopy">True when the destination holds a patched copy that should be shipped instead of the source.</param>
/// <param name="WroteFile">True when this call (re)wrote the destination; false when it was already up to date or not needed.</param>
public sealed record GlibcxxPatchOutcome(bool UsePatchedCopy, bool WroteFile, IReadOnlyList<string> Messages, IReadOnlyList<string> Warnings);
