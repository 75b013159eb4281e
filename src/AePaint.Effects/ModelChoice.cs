using AePaint.Inference;
using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>
/// One entry of the dialog's model list. The Fast model of a task's <see cref="ModelPair"/> stands for the pair: its
/// entry is labelled <see cref="StandardLabel"/> (super-resolution: with its scale, "Standard ×2 (…)") and carries the Best model (when installed), which the Quality choice
/// picks (<see cref="For"/>).
/// </summary>
public sealed record ModelChoice(string Path, ModelCard Card)
{
    public const string StandardLabel = "Standard" + PairSuffix;

    private const string PairSuffix = " (Quality: Fast or Best)";

    /// <summary>The pair's Best model, when this is the pair's entry and Best is installed.</summary>
    public CatalogEntry? Best { get; init; }

    /// <summary>
    /// True when a model found earlier has the same card name (say, your own model named like a shipped one, under
    /// another file name): this entry is then never the pair's, and its label names its file, so each entry of the
    /// list runs a different model (the dialog finds the model by its label).
    /// </summary>
    public bool SameNameAsEarlier { get; init; }

    /// <summary>True for the entry of a task's Fast / Best pair (denoise-fast standing for denoise-general too, sr-x2-fast for sr-x2-general).</summary>
    public bool IsPair => !IsAuto && !SameNameAsEarlier && ModelPair.For(Card.Task, Card.Scale) is { HasBest: true } pair && string.Equals(Card.Name, pair.Fast, StringComparison.OrdinalIgnoreCase);

    public string Label =>
        IsAuto ? AutoModel.Label(Card.Task, Card.Scale)
        : IsPair ? (Card.Task == ModelTask.SuperResolution ? $"Standard ×{Card.Scale}{PairSuffix}" : StandardLabel)
        : SameNameAsEarlier ? (Card.Task == ModelTask.SuperResolution ? $"{Card.Name} (×{Card.Scale}, {System.IO.Path.GetFileName(Path)})" : $"{Card.Name} ({System.IO.Path.GetFileName(Path)})")
        : Card.Task == ModelTask.SuperResolution ? $"{Card.Name} (×{Card.Scale})" : Card.Name;

    /// <summary>True for the "Auto" entry (<see cref="AutoModel"/>), whose path is resolved per run.</summary>
    public bool IsAuto => AutoModel.TryParse(Path, out _, out _);

    /// <summary>The cards of every model this entry can run (the pair's Best too): what σ limits and hints must cover.</summary>
    public IEnumerable<ModelCard> Cards => Best?.Card is { } best ? [Card, best] : [Card];

    /// <summary>The model file to run for <paramref name="quality"/>: the pair's Best when asked and installed, else this entry's.</summary>
    public string For(ModelQuality quality) => quality == ModelQuality.Best && Best is not null ? Best.Path : Path;
}
