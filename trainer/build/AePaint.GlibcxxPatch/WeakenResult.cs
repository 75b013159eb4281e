namespace AePaint.Build;

/// <summary>The outcome of <see cref="ElfVersionWeakener.Weaken"/>.</summary>
/// <param name="Image">The patched image (a new array when <paramref name="Weakened"/> is non-empty, else the input).</param>
public sealed record WeakenResult(byte[] Image, IReadOnlyList<string> Weakened, IReadOnlyList<string> AlreadyWeak, IReadOnlyList<string> NotRequired);
