namespace AePaint.Trainer.Training;

/// <summary>What the loop trains on: a deterministic batch per step (so resuming replays exactly) and a fixed validation set.</summary>
internal interface ITrainingData
{
    Batch TrainBatch(long step);

    IReadOnlyList<Batch> Validation { get; }
}
