using AePaint.Trainer.Training;

namespace AePaint.Trainer.Tests.Training;

/// <summary>
/// <see cref="SyntheticData"/>'s clean colour fields as a super-resolution problem: the field is the target, its
/// scale × scale box average the input; like it, each batch depends only on the step.
/// </summary>
internal sealed class SyntheticSrData(int patch, int batch, int scale) : ITrainingData
{
    private readonly SyntheticData fields = new(patch * scale, batch, sigma255: 0);

    public IReadOnlyList<Batch> Validation => [.. fields.Validation.Select(Shrink)];

    public Batch TrainBatch(long step) => Shrink(fields.TrainBatch(step));

    private Batch Shrink(Batch hr)
    {
        int side = patch * scale;
        var input = new float[hr.Count * 3 * patch * patch];
        for (int plane = 0; plane < hr.Count * 3; plane++)
        {
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    input[(plane * patch * patch) + ((y / scale) * patch) + (x / scale)] += hr.Target[(plane * side * side) + (y * side) + x] / (scale * scale);
                }
            }
        }

        return new Batch(input, hr.Target, hr.Count, 3, patch, patch, scale);
    }
}
