using AePaint.Inference.Cards;

namespace AePaint.Effects;

/// <summary>One entry of the dialog's model list.</summary>
public sealed record ModelChoice(string Path, ModelCard Card)
{
    public string Label =>
        IsAuto ? AutoModel.Label(Card.Task, Card.Scale) : Card.Task == ModelTask.SuperResolution ? $"{Card.Name} (×{Card.Scale})" : Card.Name;

    /// <summary>True for the "Auto" entry (<see cref="AutoModel"/>), whose path is resolved per run.</summary>
    public bool IsAuto => AutoModel.TryParse(Path, out _, out _);
}
