namespace AePaint.Trainer.Export;

/// <summary>What the run knows beyond the checkpoint: photo counts and the fine-tune base's name, for the card.</summary>
internal sealed record ExportContext(int? Photos = null, int? Holdout = null, string? BaseName = null);
