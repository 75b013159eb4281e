using AePaint.Inference.Cards;

namespace AePaint.Inference.Embedding;

/// <summary>What "auto" chose and why, with every measured distance (in spreads), nearest first.</summary>
public sealed record AutoPick(string Path, ModelCard Card, string Reason, bool Fallback, IReadOnlyList<(string Name, double Distance)> Distances)
{
    /// <summary>One line for logs and the CLI.</summary>
    public string Message => Fallback ? $"auto: {Card.Name} (fallback to the general model: {Reason})" : $"auto: {Card.Name} ({Reason})";
}
