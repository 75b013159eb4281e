using AePaint.Trainer.Training;

namespace AePaint.Trainer.Tests.Training;

/// <summary>Smooth random colour fields with AWGN: a small denoising problem that depends only on (seed, step).</summary>
internal sealed class SyntheticData(int patch, int batch, float sigma255 = 25f, bool poison = false) : ITrainingData
{
    public IReadOnlyList<Batch> Validation { get; } = [Make(new Random(999), patch, 2, sigma255, false)];

    public Batch TrainBatch(long step) => Make(new Random((int)(step * 7919) + 13), patch, batch, sigma255, poison && step >= 2);

    private static Batch Make(Random rng, int patch, int count, float sigma255, bool poison)
    {
        int plane = patch * patch;
        var input = new float[count * 4 * plane];
        var target = new float[count * 3 * plane];
        for (int n = 0; n < count; n++)
        {
            for (int c = 0; c < 3; c++)
            {
                double a = rng.NextDouble(), fx = rng.NextDouble() * 0.3, fy = rng.NextDouble() * 0.3;
                for (int y = 0; y < patch; y++)
                {
                    for (int x = 0; x < patch; x++)
                    {
                        float clean = (float)(0.5 + (0.4 * Math.Sin((fx * x) + (fy * y) + (6 * a))));
                        int i = (y * patch) + x;
                        target[(((n * 3) + c) * plane) + i] = clean;
                        double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                        input[(((n * 4) + c) * plane) + i] = poison ? float.NaN : clean + (float)(g * sigma255 / 255);
                    }
                }
            }

            Array.Fill(input, sigma255 / 255f, ((n * 4) + 3) * plane, plane);
        }

        return new Batch(input, target, count, 4, patch, patch, 1);
    }
}
