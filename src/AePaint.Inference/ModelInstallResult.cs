using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>What an install did: the card read, where the model now is, and whether anything needs saying.</summary>
/// <param name="AlreadyInstalled">The same bytes were already there; nothing was written.</param>
/// <param name="ShadowedBy">A model of the same file name in a folder searched before the target, which wins.</param>
public sealed record ModelInstallResult(ModelCard Card, string Destination, bool AlreadyInstalled, string? ShadowedBy);
