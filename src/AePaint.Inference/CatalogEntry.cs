using AePaint.Inference.Cards;

namespace AePaint.Inference;

/// <summary>One installed model: where it is and what its card says (or why it cannot be used).</summary>
public sealed record CatalogEntry(string Path, ModelCard? Card, string? Problem)
{
    public string Name => Card?.Name ?? System.IO.Path.GetFileNameWithoutExtension(Path);
}
